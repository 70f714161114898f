package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

/**
 * Loads YAML text the way the server does and captures what was logged meanwhile, so tests can
 * check both the outcome and that nothing secret reached a log line.
 */
final class PoolYaml {

    /** Values for the variables the example file needs, chosen to be easy to spot if they leak. */
    static final Map<String, String> EXAMPLE_ENV = Map.of(
            "OPENAI_API_KEY", "sk-LEAKED-openai",
            "SUMMARIZER_TOKEN", "LEAKED-summarizer-token",
            "NODE_B_TOKEN", "LEAKED-node-b-token",
            "ERP_DB_PASSWORD", "LEAKED-erp-password");

    /** A small valid configuration that tests extend or break one piece at a time. */
    static final String MINIMAL = """
            pde_manager:
              node_id: test-node
              pools:
                - type: general_purpose
                  instances: 1
                  max_concurrent_tasks: 2
                  endpoints: [noop]
                  task_types: [noop]
              endpoints:
                - id: noop
                  kind: builtin
            """;

    /** Keeps refused-configuration warnings out of the test console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos.pool");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final InMemorySink sink = new InMemorySink();

    static PdeManagerConfig load(String yaml) throws InvalidPoolConfigException {
        return load(yaml, Map.of());
    }

    static PdeManagerConfig load(String yaml, Map<String, String> env) throws InvalidPoolConfigException {
        return new PoolYaml().loadCapturing(yaml, env);
    }

    /** The problems of a file that must be refused, as {@code path: message} lines. */
    static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<String> problems(String yaml, Map<String, String> env) {
        return refusal(yaml, env).problems().stream().map(PoolConfigProblem::toString).toList();
    }

    static InvalidPoolConfigException refusal(String yaml, Map<String, String> env) {
        return new PoolYaml().refusalCapturing(yaml, env);
    }

    PdeManagerConfig loadCapturing(String yaml, Map<String, String> env) throws InvalidPoolConfigException {
        try (SinkOverride ignored = StructuredLogger.useSink(sink)) {
            return PdeManagerConfigLoader.load(stream(yaml), "test.yaml", env::get);
        }
    }

    InvalidPoolConfigException refusalCapturing(String yaml, Map<String, String> env) {
        InvalidPoolConfigException refused;
        try (SinkOverride ignored = StructuredLogger.useSink(sink)) {
            refused = catchThrowableOfType(InvalidPoolConfigException.class,
                    () -> PdeManagerConfigLoader.load(stream(yaml), "test.yaml", env::get));
        }
        assertThat(refused).as("configuration should have been refused:%n%s", yaml).isNotNull();
        return refused;
    }

    List<String> logLines() {
        return sink.lines();
    }

    static InputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
