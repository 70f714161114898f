package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnvSubstitutionTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    private static final String REMOTE = PoolYaml.MINIMAL + """
                - id: remote
                  kind: remote
                  address: %s
                  token: %s
            """;

    @Test
    void aVariableIsReplacedByItsValue() throws Exception {
        PdeManagerConfig config = PoolYaml.load(PoolYaml.MINIMAL.replace("test-node", "${NODE}"),
                Map.of("NODE", "from-env"));

        assertThat(config.nodeId()).isEqualTo("from-env");
    }

    @Test
    void theDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws Exception {
        String yaml = PoolYaml.MINIMAL.replace("test-node", "${NODE:fallback-node}");

        assertThat(PoolYaml.load(yaml, Map.of()).nodeId()).isEqualTo("fallback-node");
        assertThat(PoolYaml.load(yaml, Map.of("NODE", "")).nodeId()).isEqualTo("fallback-node");
        assertThat(PoolYaml.load(yaml, Map.of("NODE", "set-node")).nodeId()).isEqualTo("set-node");
    }

    @Test
    void variablesMayBePartOfALongerValueAndFillNumbers() throws Exception {
        PdeManagerConfig config = PoolYaml.load(
                REMOTE.formatted("${HOST:localhost}:${PORT}", "tok-${TOKEN_SUFFIX}")
                        .replace("instances: 1", "instances: ${POOL_INSTANCES:3}"),
                Map.of("PORT", "50061", "TOKEN_SUFFIX", "abc"));

        EndpointConfig remote = config.endpoint("remote").orElseThrow();
        assertThat(remote.hostPort()).contains(new HostPort("localhost", 50061));
        assertThat(remote.token()).contains("tok-abc");
        assertThat(config.pools().get(0).instances()).isEqualTo(3);
    }

    @Test
    void anEmptyDefaultLeavesAnOptionalValueUnset() throws Exception {
        PdeManagerConfig config = PoolYaml.load(REMOTE.formatted("localhost:1", "${REMOTE_TOKEN:}"));

        assertThat(config.endpoint("remote").orElseThrow().token()).isEmpty();
    }

    @Test
    void aDoubledDollarIsALiteralAndValuesAreNotScannedAgain() throws Exception {
        PdeManagerConfig config = PoolYaml.load(PoolYaml.MINIMAL + """
                    - id: web
                      kind: http
                      settings:
                        literal: "$${NOT_A_VARIABLE}"
                        injected: ${INJECT}
                """, Map.of("INJECT", "${OTHER}"));

        assertThat(config.endpoint("web").orElseThrow().settings())
                .containsEntry("literal", "${NOT_A_VARIABLE}")
                .containsEntry("injected", "${OTHER}");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsNamedWithThePathThatUsesIt() {
        assertThat(PoolYaml.problems(REMOTE.formatted("${REMOTE_ADDR}", "${REMOTE_TOKEN}"))).containsExactly(
                "pde_manager.endpoints[1].address: environment variable REMOTE_ADDR is not set and the reference gives no default",
                "pde_manager.endpoints[1].token: environment variable REMOTE_TOKEN is not set and the reference gives no default");
    }

    @Test
    void keysAreNeverSubstituted() {
        assertThat(PoolYaml.problems(PoolYaml.MINIMAL + "  ${EXTRA}: 1\n", Map.of("EXTRA", "nodes")))
                .singleElement().asString().startsWith("pde_manager.${EXTRA}: unknown key");
    }

    @Test
    void malformedReferencesAreProblems() {
        assertThat(PoolYaml.problems(REMOTE.formatted("${1BAD}", "${UNCLOSED"))).containsExactly(
                "pde_manager.endpoints[1].address: malformed variable reference ${1BAD}: a variable name is letters, digits and _, not starting with a digit",
                "pde_manager.endpoints[1].token: unclosed variable reference: '${' without a matching '}'");
    }

    @Test
    void aValueFromASecretLookingVariableIsNeverShownInProblems() {
        InvalidPoolConfigException refused = PoolYaml.refusal(
                REMOTE.formatted("${API_SECRET}", "x").replace("instances: 1", "instances: ${DB_PASSWORD}"),
                Map.of("API_SECRET", "hunter2-address", "DB_PASSWORD", "hunter2-count"));

        assertThat(refused.problems()).extracting(PoolConfigProblem::toString).containsExactly(
                "pde_manager.pools[0].instances: must be a whole number, got ***",
                "pde_manager.endpoints[1].address: *** is not host:port (e.g. localhost:50061 or [::1]:50061, port 1-65535, no scheme or path)");
        assertThat(refused.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void aValueFromAnOrdinaryVariableIsQuotedToHelpFindTheMistake() {
        assertThat(PoolYaml.problems(REMOTE.formatted("${REMOTE_ADDR}", "x"), Map.of("REMOTE_ADDR", "http://host")))
                .singleElement().asString()
                .startsWith("pde_manager.endpoints[1].address: 'http://host' is not host:port");
    }
}
