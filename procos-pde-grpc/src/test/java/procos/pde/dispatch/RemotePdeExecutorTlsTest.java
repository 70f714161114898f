package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.grpc.TestCertificates;
import procos.pde.node.NodeArguments;
import procos.pde.node.PdeNode;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * A standalone node serving TLS from its own command-line flags, reached by the remote executor
 * built from a server's YAML ({@code pde_manager.nodes[i].tls}), over real gRPC on loopback.
 */
class RemotePdeExecutorTlsTest {

    private static final String TOKEN = "tls-node-token";
    /** Keeps the executor's WARN lines about refused calls (expected here) out of the test console. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    @TempDir
    Path certs;
    @TempDir
    Path configs;

    private final SinkOverride log = StructuredLogger.useSink(new InMemorySink());
    private final List<RemotePdeExecutor> executors = new ArrayList<>();
    private Function<String, String> env;
    private PdeNode node;

    @BeforeEach
    void copyCertificates() {
        Stream.of("ca.pem", "server1.pem", "server1.key", "client.pem", "client.key", "badserver.pem")
                .forEach(name -> TestCertificates.file(certs, name));
        env = Map.of(NodeArguments.TOKEN_VARIABLE, TOKEN, "NODE_A_TOKEN", TOKEN, "CERTS", certs.toString())::get;
    }

    @AfterEach
    void tearDown() {
        executors.forEach(RemotePdeExecutor::close);
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        log.close();
    }

    /** The node as an operator starts it: its own flags, the token from the environment, any free port. */
    private void startNode(String... tlsFlags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        for (String flag : tlsFlags) {
            args.add(flag.replace("${CERTS}", certs.toString()));
        }
        node = PdeNode.create(NodeArguments.parse(args, env), env).start();
    }

    private void startTlsNode() throws Exception {
        startNode("--tls-cert-chain", "${CERTS}/server1.pem", "--tls-private-key", "${CERTS}/server1.key");
    }

    /** An executor over the node, from a server configuration whose node entry has {@code tlsYaml}. */
    private RemotePdeExecutor executorWith(String tlsYaml) throws Exception {
        Path file = Files.writeString(configs.resolve("server-" + executors.size() + ".yaml"), """
                pde_manager:
                  node_id: server-1
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [noop]
                  endpoints:
                    - id: noop
                      kind: builtin
                  nodes:
                    - id: node-a
                      address: localhost:%d
                      token: ${NODE_A_TOKEN}
                %s
                      pde_types: [general_purpose]
                """.formatted(node.port(), tlsYaml.indent(6).stripTrailing()));
        PdeManagerConfig config = PdeManagerConfigLoader.load(file, env);
        RemotePdeExecutor executor = RemotePdeExecutor.forNodes(config.nodes());
        executors.add(executor);
        return executor;
    }

    private static TaskResult echo(RemotePdeExecutor executor) throws Exception {
        return executor.execute(TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("t-tls")
                .setTaskType("echo")
                .setInputs(Struct.newBuilder().putFields("greeting", Value.newBuilder().setStringValue("hello").build())))
                .build());
    }

    /** A {@code tls} mapping trusting {@code trustFile} (in the certificates folder), checking server1's name if asked. */
    private static String tlsTrusting(String trustFile, boolean withAuthority) {
        return "tls:\n  enabled: true\n  trust_cert_chain: ${CERTS}/" + trustFile + "\n"
                + (withAuthority ? "  authority: " + TestCertificates.SERVER1_AUTHORITY + "\n" : "");
    }

    private static void assertUnreachable(TaskResult result) {
        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void aNodeServingTlsRunsTheTaskOfAnExecutorThatTrustsItsCertificate() throws Exception {
        startTlsNode();
        RemotePdeExecutor executor = executorWith(tlsTrusting("ca.pem", true));

        TaskResult result = echo(executor);

        assertThat(result.getStatus()).as("%s", result.getError()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getOutputs().getFieldsOrThrow("greeting").getStringValue()).isEqualTo("hello");
    }

    static Stream<Arguments> executorsThatCannotReachATlsNode() {
        return Stream.of(
                Arguments.of(Named.of("plaintext", "")),
                Arguments.of(Named.of("trusting another authority", tlsTrusting("badserver.pem", true))),
                Arguments.of(Named.of("without the authority override (the certificate does not name localhost)",
                        tlsTrusting("ca.pem", false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executorsThatCannotReachATlsNode")
    void aNodeServingTlsIsUnreachableForAnExecutorThatCannotVerifyIt(String tlsYaml) throws Exception {
        startTlsNode();

        assertUnreachable(echo(executorWith(tlsYaml)));
    }

    @Test
    void aNodeRequiringClientCertificatesServesOnlyAnExecutorThatPresentsOne() throws Exception {
        startNode("--tls-cert-chain", "${CERTS}/server1.pem", "--tls-private-key", "${CERTS}/server1.key",
                "--tls-client-ca", "${CERTS}/ca.pem");
        RemotePdeExecutor withCertificate = executorWith(tlsTrusting("ca.pem", true)
                + "  cert_chain: ${CERTS}/client.pem\n  private_key: ${CERTS}/client.key\n");
        RemotePdeExecutor withoutCertificate = executorWith(tlsTrusting("ca.pem", true));

        TaskResult served = echo(withCertificate);

        assertThat(served.getStatus()).as("%s", served.getError()).isEqualTo(TaskStatus.SUCCEEDED);
        assertUnreachable(echo(withoutCertificate));
    }
}
