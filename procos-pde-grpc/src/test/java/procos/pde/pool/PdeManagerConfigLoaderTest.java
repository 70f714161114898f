package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.v1.PdeType;

class PdeManagerConfigLoaderTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    private static final String EXAMPLE = "/procos/pde/pde-manager.example.yaml";

    @Test
    void theExampleFileLoadsWithEverySection() throws Exception {
        PdeManagerConfig config = loadExample(PoolYaml.EXAMPLE_ENV);

        assertThat(config.nodeId()).isEqualTo("procos-1");
        assertThat(config.pools()).extracting(PoolConfig::type, PoolConfig::capacity).containsExactly(
                tuple(PdeType.GENERAL_PURPOSE, 16),
                tuple(PdeType.AI, 2),
                tuple(PdeType.INTEGRATION, 4),
                tuple(PdeType.META, 4));
        assertThat(config.pools().get(0).endpoints()).containsExactly("noop", "http-default");
        assertThat(config.pools().get(0).taskTypes()).containsExactly("noop", "echo", "http.get");

        EndpointConfig summarizer = config.endpoint("summarizer-py").orElseThrow();
        assertThat(summarizer.kind()).isEqualTo(EndpointKind.REMOTE);
        assertThat(summarizer.hostPort()).contains(new HostPort("localhost", 50061));
        assertThat(summarizer.token()).contains("LEAKED-summarizer-token");
        assertThat(summarizer.timeout()).contains(Duration.ofSeconds(30));
        assertThat(config.endpoint("noop").orElseThrow().kind()).isEqualTo(EndpointKind.BUILTIN);
        assertThat(config.endpoint("openai-gpt").orElseThrow().settings())
                .containsEntry("model", "gpt-4o-mini")
                .containsEntry("api_key", "sk-LEAKED-openai");
        assertThat(config.endpoint("mail-out").orElseThrow().settings())
                .containsEntry("host", "localhost")
                .containsEntry("tls", "starttls");
        assertThat(config.endpoint("local-llama").orElseThrow().kind()).isEqualTo(EndpointKind.LLM);

        assertThat(config.taskTypes()).extracting(TaskTypeConfig::name)
                .containsExactly("http.get", "summarize", "mail.send");
        assertThat(config.taskTypes().get(0)).isEqualTo(
                new TaskTypeConfig("http.get", List.of("url"), List.of("status"), true, true));
        assertThat(config.routingRule("summarize").orElseThrow().endpoints())
                .containsExactly("openai-gpt", "local-llama", "summarizer-py");

        NodeConfig nodeB = config.nodes().get(0);
        assertThat(nodeB.id()).isEqualTo("node-b");
        assertThat(nodeB.hostPort()).isEqualTo(new HostPort("10.0.0.7", 50051));
        assertThat(nodeB.token()).contains("LEAKED-node-b-token");
        assertThat(nodeB.pdeTypes()).containsExactly(PdeType.GENERAL_PURPOSE);
        assertThat(nodeB.tls().enabled()).isTrue();
        assertThat(nodeB.tls().authority()).contains("node-b.internal");
        assertThat(nodeB.tls().trustCertChain()).isEmpty();
    }

    @Test
    void theExampleFileWithoutItsSecretsNamesEveryMissingVariableWithItsPath() {
        InvalidPoolConfigException refused = catchThrowableOfType(InvalidPoolConfigException.class,
                () -> loadExample(Map.of()));

        // The model key is optional (${OPENAI_API_KEY:}): without it the endpoint is simply not usable.
        assertThat(refused.problems()).extracting(PoolConfigProblem::path).containsExactly(
                "pde_manager.endpoints[3].token",
                "pde_manager.endpoints[5].settings.password",
                "pde_manager.nodes[0].token");
        assertThat(refused.problems().get(0).message())
                .contains("environment variable SUMMARIZER_TOKEN is not set");
    }

    @Test
    void theDefaultIsOneCatchAllGeneralPurposePoolWithTheNoopEndpoint() throws Exception {
        PdeManagerConfig config = PdeManagerConfigLoader.loadDefault(name -> null);

        assertThat(config.nodeId()).isEqualTo("procos-1");
        assertThat(config.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.type()).isEqualTo(PdeType.GENERAL_PURPOSE);
            assertThat(pool.endpoints()).containsExactly("noop");
            assertThat(pool.isCatchAll()).isTrue();
            assertThat(pool.capacity()).isPositive();
        });
        assertThat(config.endpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.id()).isEqualTo("noop");
            assertThat(endpoint.kind()).isEqualTo(EndpointKind.BUILTIN);
        });
        assertThat(config.taskTypes()).extracting(TaskTypeConfig::name).containsExactly("noop", "echo");
        assertThat(config.routing()).isEmpty();
        assertThat(config.nodes()).isEmpty();
    }

    @Test
    void theDefaultTakesItsNodeIdFromHostname() throws Exception {
        PdeManagerConfig config = PdeManagerConfigLoader.loadDefault(Map.of("HOSTNAME", "worker-7")::get);

        assertThat(config.nodeId()).isEqualTo("worker-7");
    }

    @Test
    void aFileOnDiskLoads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pde-manager.yaml"), PoolYaml.MINIMAL);

        PdeManagerConfig config = PdeManagerConfigLoader.load(file, name -> null);

        assertThat(config.nodeId()).isEqualTo("test-node");
    }

    @Test
    void aMissingFileIsReportedAsAProblemOfThatFile(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yaml");

        InvalidPoolConfigException refused = catchThrowableOfType(InvalidPoolConfigException.class,
                () -> PdeManagerConfigLoader.load(missing, name -> null));

        assertThat(refused.source()).isEqualTo(missing.toString());
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("(document)");
            assertThat(problem.message()).startsWith("cannot be read: NoSuchFileException");
        });
    }

    @Test
    void theExceptionMessageListsEveryProblemUnderTheSource() {
        InvalidPoolConfigException refused = PoolYaml.refusal(PoolYaml.MINIMAL
                .replace("instances: 1", "instances: 0")
                .replace("max_concurrent_tasks: 2", "max_concurrent_tasks: -1"), Map.of());

        assertThat(refused.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                "invalid PDE manager configuration test.yaml (2 problems):",
                "  pde_manager.pools[0].instances: must be ≥ 1, got 0",
                "  pde_manager.pools[0].max_concurrent_tasks: must be ≥ 1, got -1"));
    }

    @Test
    void secretsNeverReachProblemsLogsOrToString() throws Exception {
        Map<String, String> env = new HashMap<>(PoolYaml.EXAMPLE_ENV);
        PoolYaml loaded = new PoolYaml();
        PdeManagerConfig config = loaded.loadCapturing(readExample(), env);

        String everything = config.toString() + loaded.logLines();
        assertThat(everything).doesNotContain("LEAKED").contains("pde_manager_config_loaded");

        String broken = readExample().replace("address: 10.0.0.7:50051", "address: ${NODE_B_TOKEN}");
        PoolYaml refusedLoad = new PoolYaml();
        InvalidPoolConfigException refused = refusedLoad.refusalCapturing(broken, env);
        assertThat(refused.getMessage()).contains("pde_manager.nodes[0].address: *** is not host:port");
        assertThat(refused.getMessage() + refusedLoad.logLines()).doesNotContain("LEAKED");
        assertThat(refusedLoad.logLines()).anySatisfy(line -> assertThat(line)
                .contains("pde_manager_config_invalid").contains("nodes[0].address"));
    }

    private static PdeManagerConfig loadExample(Map<String, String> env) throws Exception {
        try (InputStream in = PdeManagerConfigLoaderTest.class.getResourceAsStream(EXAMPLE)) {
            return PdeManagerConfigLoader.load(in, EXAMPLE, env::get);
        }
    }

    private static String readExample() throws IOException {
        try (InputStream in = PdeManagerConfigLoaderTest.class.getResourceAsStream(EXAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
