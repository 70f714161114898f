package procos.pde.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeDescriber;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.v1.Capability;
import procos.pde.v1.HealthState;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.PdeType;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * The standalone node in-process on a free port (the same class {@code main} runs), and its command
 * line up to the point where it would serve: arguments, configuration problems, exit statuses.
 */
class PdeNodeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Function<String, String> NO_ENV = name -> null;

    static final String NODE_YAML = """
            pde_manager:
              node_id: node-test
              pools:
                - type: general_purpose
                  instances: 1
                  max_concurrent_tasks: 4
                  endpoints: [noop]
              endpoints:
                - id: noop
                  kind: builtin
            """;

    /** Keeps forwarded WARN/ERROR lines (expected here) out of the test console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final InMemorySink log = new InMemorySink();
    private final SinkOverride logOverride = StructuredLogger.useSink(log);

    @TempDir
    Path dir;

    private PdeNode node;
    private PdeGrpcClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        logOverride.close();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private PdeNode startDevNode() throws Exception {
        node = PdeNode.create(PdeNodeOptions.dev(Optional.of(write("node.yaml", NODE_YAML)), 0), NO_ENV).start();
        return node;
    }

    private PdeGrpcClient connect(String token) {
        client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("localhost:" + node.port()).withBearerToken(token));
        return client;
    }

    private static TaskRequest echo(String taskId, String key, String value) {
        return TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId(taskId).setTaskType("echo")
                .setInputs(Struct.newBuilder().putFields(key, Value.newBuilder().setStringValue(value).build()))).build();
    }

    @Test
    void executeEchoReturnsTheInputsFromTheConfiguredNode() throws Exception {
        startDevNode();

        TaskResult result = connect(null).execute(echo("t-echo", "greeting", "hello"), DEADLINE);

        assertThat(node.port()).isPositive();
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getTaskId()).isEqualTo("t-echo");
        assertThat(result.getOutputs().getFieldsMap()).containsEntry("greeting", Value.newBuilder().setStringValue("hello").build());
        assertThat(result.getPdeId()).isEqualTo("node-test");
        assertThat(result.getEndpointId()).isEqualTo("noop");
    }

    @Test
    void describeListsTheNoopEndpointWithItsCapabilitiesAndHealth() throws Exception {
        startDevNode();

        PdeDescription description = connect(null).describe();

        assertThat(description.getPdeId()).isEqualTo("node-test");
        assertThat(description.getType()).isEqualTo(PdeType.GENERAL_PURPOSE);
        assertThat(description.getVersion()).isEqualTo(PdeDescriber.UNKNOWN_VERSION); // classes, not the jar
        assertThat(description.getEndpointsList()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getDescription().getEndpointId()).isEqualTo("noop");
            assertThat(endpoint.getHealth().getState()).isEqualTo(HealthState.HEALTHY);
        });
        assertThat(description.getCapabilitiesList()).extracting(Capability::getTaskType).containsExactly("noop", "echo");
        assertThat(description.getHealth().getState()).isEqualTo(HealthState.HEALTHY);
        assertThat(description.getHealth().hasCheckedAt()).isTrue();
    }

    @Test
    void healthServiceReportsServingForTheServerAndThePdeService() throws Exception {
        startDevNode();
        ManagedChannel channel = GrpcChannelOptions.plaintext("localhost:" + node.port()).openChannel();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(PdeServiceGrpc.SERVICE_NAME).build())
                    .getStatus()).isEqualTo(ServingStatus.SERVING);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void withATokenConfiguredACallWithoutItIsUnauthenticated() throws Exception {
        node = PdeNode.create(PdeNodeOptions.secured(Optional.of(write("node.yaml", NODE_YAML)), 0, "node-secret"), NO_ENV)
                .start();

        PdeCallException refused = catchThrowableOfType(PdeCallException.class,
                () -> connect(null).execute(echo("t-anon", "a", "b"), DEADLINE));
        client.close();
        TaskResult accepted = connect("node-secret").execute(echo("t-auth", "a", "b"), DEADLINE);

        assertThat(refused.code()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(accepted.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(String.join("\n", log.lines())).doesNotContain("node-secret");
    }

    @Test
    void withoutAConfigFileTheBuiltInDefaultRunsNoopAndEcho() throws Exception {
        node = PdeNode.create(PdeNodeOptions.dev(Optional.empty(), 0), Map.of("HOSTNAME", "host-7")::get).start();

        PdeDescription description = connect(null).describe();

        assertThat(node.nodeId()).isEqualTo("host-7");
        assertThat(description.getCapabilitiesList()).extracting(Capability::getTaskType).containsExactly("noop", "echo");
    }

    @Test
    void theSampleConfigurationInTheDocsStartsANode() throws Exception {
        Path sample = Path.of("..", "docs", "examples", "pde-node.yaml");
        node = PdeNode.create(PdeNodeOptions.dev(Optional.of(sample), 0), Map.of("PDE_NODE_ID", "node-sample")::get).start();

        TaskResult result = connect(null).execute(echo("t-sample", "k", "v"), DEADLINE);

        assertThat(result.getPdeId()).isEqualTo("node-sample");
        assertThat(result.getOutputs().getFieldsMap()).containsKey("k");
        assertThat(node.type()).isEqualTo(PdeType.GENERAL_PURPOSE);
    }

    @Test
    void startAndStopAreLogged() throws Exception {
        startDevNode();
        node.stop(Duration.ZERO);

        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"pde_node_started\"").contains("\"port\":" + node.port()).contains("\"node-test\""));
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"pde_node_stopping\""));
    }

    @Nested
    class Arguments {

        @Test
        void everyOptionWithItsValueAsTheNextArgument() throws Exception {
            Path config = write("c.yaml", NODE_YAML);
            Path tokenFile = write("token", "  file-token\n");

            PdeNodeOptions options = NodeArguments.parse(
                    List.of("--config", config.toString(), "--port", "50070", "--token-file", tokenFile.toString()), NO_ENV);

            assertThat(options.config()).contains(config);
            assertThat(options.port()).isEqualTo(50070);
            assertThat(options.token()).contains("file-token");
            assertThat(options.dev()).isFalse();
            assertThat(options.toString()).doesNotContain("file-token");
        }

        @Test
        void valuesAfterEqualsAndDefaults() throws Exception {
            PdeNodeOptions options = NodeArguments.parse(List.of("--port=0", "--dev"), NO_ENV);

            assertThat(options.port()).isZero();
            assertThat(options.dev()).isTrue();
            assertThat(options.config()).isEmpty();
            assertThat(options.token()).isEmpty();
            assertThat(NodeArguments.parse(List.of("--dev"), NO_ENV).port()).isEqualTo(PdeNodeOptions.DEFAULT_PORT);
        }

        @Test
        void theTokenComesFromTheEnvironmentUnlessATokenFileIsGiven() throws Exception {
            Function<String, String> env = Map.of(NodeArguments.TOKEN_VARIABLE, "env-token")::get;
            Path tokenFile = write("token", "file-token");

            assertThat(NodeArguments.parse(List.of(), env).token()).contains("env-token");
            assertThat(NodeArguments.parse(List.of("--token-file", tokenFile.toString()), env).token()).contains("file-token");
        }

        @Test
        void eachMistakeIsNamed() throws Exception {
            Path empty = write("empty-token", "\n");
            assertThat(usageError(List.of("--verbose", "--dev"))).isEqualTo("unknown argument '--verbose'");
            assertThat(usageError(List.of("pde-node.yaml", "--dev"))).isEqualTo("unknown argument 'pde-node.yaml'");
            assertThat(usageError(List.of("--dev", "--port"))).isEqualTo("--port needs a value");
            assertThat(usageError(List.of("--config", "--dev"))).isEqualTo("--config needs a value");
            assertThat(usageError(List.of("--dev", "--port", "http"))).isEqualTo("--port 'http' is not a number");
            assertThat(usageError(List.of("--dev", "--port", "70000"))).isEqualTo("--port 70000 is out of range 0..65535");
            assertThat(usageError(List.of("--dev", "--port", "1", "--port=2"))).isEqualTo("--port is given more than once");
            assertThat(usageError(List.of("--dev=yes"))).isEqualTo("--dev takes no value, got '--dev=yes'");
            assertThat(usageError(List.of("--token-file", dir.resolve("absent").toString())))
                    .isEqualTo("--token-file " + dir.resolve("absent") + " does not exist");
            assertThat(usageError(List.of("--token-file", empty.toString()))).isEqualTo("--token-file " + empty + " is empty");
        }

        @Test
        void tlsFlagsGiveTheServerItsCertificateAndOptionallyTheClientCa() throws Exception {
            Path cert = write("node.pem", "certificate");
            Path key = write("node.key", "key");
            Path ca = write("ca.pem", "ca");

            PdeNodeOptions tls = NodeArguments.parse(List.of("--dev", "--tls-cert-chain", cert.toString(),
                    "--tls-private-key=" + key), NO_ENV);
            PdeNodeOptions mutual = NodeArguments.parse(List.of("--dev", "--tls-cert-chain", cert.toString(),
                    "--tls-private-key", key.toString(), "--tls-client-ca", ca.toString()), NO_ENV);

            assertThat(NodeArguments.parse(List.of("--dev"), NO_ENV).serverOptions().tlsEnabled()).isFalse();
            assertThat(tls.tls()).contains(new PdeNodeOptions.Tls(cert, key, Optional.empty()));
            assertThat(tls.serverOptions().tlsCertChain()).isEqualTo(cert.toFile());
            assertThat(tls.serverOptions().tlsClientCa()).isNull();
            assertThat(mutual.serverOptions().tlsClientCa()).isEqualTo(ca.toFile());
        }

        @Test
        void eachTlsMistakeIsNamed() throws Exception {
            String cert = write("node.pem", "certificate").toString();
            String key = write("node.key", "key").toString();
            String absent = dir.resolve("absent.pem").toString();

            assertThat(usageError(List.of("--dev", "--tls-cert-chain", cert)))
                    .isEqualTo("--tls-cert-chain needs --tls-private-key FILE too (the certificate's private key)");
            assertThat(usageError(List.of("--dev", "--tls-private-key", key)))
                    .isEqualTo("--tls-private-key needs --tls-cert-chain FILE too (the certificate it belongs to)");
            assertThat(usageError(List.of("--dev", "--tls-client-ca", cert)))
                    .isEqualTo("--tls-client-ca needs TLS: give --tls-cert-chain and --tls-private-key too");
            assertThat(usageError(List.of("--dev", "--tls-cert-chain", absent, "--tls-private-key", key)))
                    .isEqualTo("--tls-cert-chain " + absent + " does not exist or is not a file");
            assertThat(usageError(List.of("--dev", "--tls-cert-chain", cert, "--tls-private-key", key,
                    "--tls-client-ca", dir.toString())))
                    .isEqualTo("--tls-client-ca " + dir + " does not exist or is not a file");
        }

        @Test
        void withoutATokenOnlyDevModeMayStart() {
            assertThat(usageError(List.of("--port", "50061")))
                    .startsWith("no bearer token: pass --token-file FILE or set PROCOS_GRPC_TOKEN")
                    .contains("--dev");
        }

        @Test
        void helpWinsOverEverythingElse() {
            assertThat(NodeArguments.wantsHelp(List.of("--bogus", "--help"))).isTrue();
            assertThat(NodeArguments.wantsHelp(List.of("-h"))).isTrue();
            assertThat(NodeArguments.wantsHelp(List.of("--dev"))).isFalse();
        }

        private String usageError(List<String> args) {
            return catchThrowableOfType(NodeUsageException.class, () -> NodeArguments.parse(args, NO_ENV)).getMessage();
        }
    }

    @Nested
    class Command {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private int run(String... args) {
            return NodeCommand.run(List.of(args), NO_ENV, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        private String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Test
        void helpPrintsUsageAndSucceeds() {
            assertThat(run("--help")).isEqualTo(NodeCommand.EXIT_OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar procos-pde-node.jar")
                    .contains("--config FILE", "--port N", "--token-file FILE", "--dev", "PROCOS_GRPC_TOKEN");
        }

        @Test
        void badArgumentsExitWithUsageStatusNamingTheArgument() {
            assertThat(run("--dev", "--prot", "1")).isEqualTo(NodeCommand.EXIT_USAGE);
            assertThat(stderr()).contains("procos-pde-node: unknown argument '--prot'").contains("--help");
        }

        @Test
        void aConfigurationWithProblemsPrintsEveryProblemWithItsPath() throws Exception {
            Path config = write("bad.yaml", """
                    pde_manager:
                      node_id: node-bad
                      colour: blue
                      pools:
                        - type: general_purpose
                          instances: 0
                          max_concurrent_tasks: 4
                          endpoints: [missing]
                      endpoints:
                        - id: noop
                          kind: builtin
                    """);

            int status = run("--dev", "--port", "0", "--config", config.toString());

            assertThat(status).isEqualTo(NodeCommand.EXIT_USAGE);
            assertThat(stderr()).contains("invalid PDE manager configuration " + config)
                    .contains("pde_manager.colour")
                    .contains("pde_manager.pools[0].instances")
                    .contains("pde_manager.pools[0].endpoints[0]");
        }

        @Test
        void anEndpointThatCannotBeBuiltIsAConfigurationProblem() throws Exception {
            Path config = write("llm.yaml", """
                    pde_manager:
                      node_id: node-llm
                      pools:
                        - type: general_purpose
                          instances: 1
                          max_concurrent_tasks: 4
                          endpoints: [model]
                      endpoints:
                        - id: model
                          kind: llm
                    """);

            assertThat(run("--dev", "--config", config.toString())).isEqualTo(NodeCommand.EXIT_USAGE);
            assertThat(stderr()).contains("pde_manager.endpoints: endpoint 'model': setting 'provider' is required");
        }

        @Test
        void aMissingConfigFileIsAConfigurationProblem() {
            assertThat(run("--dev", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(NodeCommand.EXIT_USAGE);
            assertThat(stderr()).contains("nope.yaml").contains("cannot be read");
        }

        @Test
        void aTakenPortFailsTheStartWithItsOwnStatus() throws Exception {
            Path config = write("node.yaml", NODE_YAML);
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(0));

                int status = run("--dev", "--config", config.toString(), "--port", String.valueOf(taken.getLocalPort()));

                assertThat(status).isEqualTo(NodeCommand.EXIT_START_FAILED);
                assertThat(stderr()).contains("cannot listen on port " + taken.getLocalPort());
            }
        }
    }
}
