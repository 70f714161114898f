package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule the loader enforces, each shown refusing a file with exactly the expected problem. */
class ConfigValidationTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    /** Two pools, a remote endpoint and a routing rule: valid, and the base the tests break. */
    private static final String BASE = """
            pde_manager:
              node_id: test-node
              pools:
                - type: general_purpose
                  instances: 2
                  max_concurrent_tasks: 4
                  endpoints: [noop]
                  task_types: [noop, echo]
                - type: ai
                  instances: 1
                  max_concurrent_tasks: 2
                  endpoints: [llm]
                  task_types: [summarize]
              endpoints:
                - id: noop
                  kind: builtin
                - id: llm
                  kind: llm
                - id: remote
                  kind: remote
                  address: localhost:50061
              routing:
                - task_type: summarize
                  endpoints: [llm, remote]
            """;

    /** BASE with one more endpoint at the end of the endpoints section. */
    private static String withEndpoint(String endpointYaml) {
        return BASE.replace("  routing:\n", endpointYaml + "  routing:\n");
    }

    @Test
    void theBaseConfigurationIsValid() throws Exception {
        assertThat(PoolYaml.load(BASE).pools()).hasSize(2);
    }

    @Test
    void anUnknownPoolTypeIsNamedWithTheAllowedOnes() {
        assertThat(PoolYaml.problems(BASE.replace("type: ai", "type: quantum"))).containsExactly(
                "pde_manager.pools[1].type: unknown PDE type 'quantum' (expected one of general_purpose, ai, integration, meta)");
    }

    @Test
    void instancesAndConcurrencyMustBePositive() {
        assertThat(PoolYaml.problems(BASE
                .replace("instances: 2", "instances: 0")
                .replace("max_concurrent_tasks: 2", "max_concurrent_tasks: -3"))).containsExactly(
                "pde_manager.pools[0].instances: must be ≥ 1, got 0",
                "pde_manager.pools[1].max_concurrent_tasks: must be ≥ 1, got -3");
    }

    @Test
    void capacityMustFitInAnInt() {
        assertThat(PoolYaml.problems(BASE
                .replace("instances: 2", "instances: 100000")
                .replace("max_concurrent_tasks: 4", "max_concurrent_tasks: 100000"))).containsExactly(
                "pde_manager.pools[0].max_concurrent_tasks: instances × max_concurrent_tasks must not exceed 2147483647");
    }

    @Test
    void numbersAndFlagsMustHaveTheirType() {
        assertThat(PoolYaml.problems(BASE.replace("instances: 2", "instances: many")
                .replace("max_concurrent_tasks: 4", "max_concurrent_tasks: 1.5") + """
                  task_types:
                    - name: echo
                      deterministic: maybe
                """)).containsExactly(
                "pde_manager.pools[0].instances: must be a whole number, got 'many'",
                "pde_manager.pools[0].max_concurrent_tasks: must be a whole number, got '1.5'",
                "pde_manager.task_types[0].deterministic: must be true or false, got 'maybe'");
    }

    @Test
    void twoPoolsOfTheSameTypeAreRefused() {
        assertThat(PoolYaml.problems(BASE.replace("type: ai", "type: general_purpose"))).containsExactly(
                "pde_manager.pools[1].type: a general_purpose pool is already declared at pde_manager.pools[0];"
                        + " use one pool per type and size it with instances");
    }

    @Test
    void endpointIdsMustBeUnique() {
        assertThat(PoolYaml.problems(withEndpoint("    - id: llm\n      kind: http\n"))).containsExactly(
                "pde_manager.endpoints[3].id: duplicate endpoint id 'llm' (first declared at pde_manager.endpoints[1])");
    }

    @Test
    void poolsAndRoutingRulesMayOnlyReferenceDeclaredEndpoints() {
        assertThat(PoolYaml.problems(BASE
                .replace("endpoints: [noop]", "endpoints: [noop, nope]")
                .replace("endpoints: [llm, remote]", "endpoints: [llm, gone]"))).containsExactly(
                "pde_manager.pools[0].endpoints[1]: unknown endpoint 'nope' (declared: llm, noop, remote)",
                "pde_manager.routing[0].endpoints[1]: unknown endpoint 'gone' (declared: llm, noop, remote)");
    }

    @Test
    void anEndpointIsListedOnlyOncePerPoolOrRule() {
        assertThat(PoolYaml.problems(BASE.replace("endpoints: [llm, remote]", "endpoints: [llm, remote, llm]")))
                .containsExactly("pde_manager.routing[0].endpoints[2]: endpoint 'llm' is listed twice; each endpoint is tried once");
    }

    @Test
    void aTaskTypeBelongsToOnePool() {
        assertThat(PoolYaml.problems(BASE.replace("task_types: [summarize]", "task_types: [summarize, echo]")))
                .containsExactly("pde_manager.pools[1].task_types[1]: task type 'echo' is already handled by"
                        + " pde_manager.pools[0] (general_purpose); a task type belongs to exactly one pool");
    }

    @Test
    void onlyAGeneralPurposePoolMayBeACatchAll() {
        assertThat(PoolYaml.problems(BASE.replace("task_types: [summarize]", "task_types: []")
                .replace("task_type: summarize", "task_type: noop"))).containsExactly(
                "pde_manager.pools[1].task_types: must list at least one task type; only a general_purpose pool"
                        + " may leave it empty to handle every other task type");
    }

    @Test
    void remoteAndPdeEndpointsNeedAnAddress() {
        assertThat(PoolYaml.problems(withEndpoint("    - id: other-node\n      kind: pde\n")
                .replace("      address: localhost:50061\n", ""))).containsExactly(
                "pde_manager.endpoints[2].address: is required for a remote endpoint (host:port, e.g. localhost:50061)",
                "pde_manager.endpoints[3].address: is required for a pde endpoint (host:port, e.g. localhost:50061)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", ":50061", "localhost:0", "localhost:70000",
            "http://localhost:50061", "localhost:50061/path", "local host:1", "[zz::1]:50061", "host:port"})
    void aMalformedAddressIsRefusedAndShown(String address) {
        assertThat(PoolYaml.problems(BASE.replace("localhost:50061", "\"" + address + "\"")))
                .containsExactly("pde_manager.endpoints[2].address: '" + address + "' is not host:port"
                        + " (e.g. localhost:50061 or [::1]:50061, port 1-65535, no scheme or path)");
    }

    @Test
    void addressesAndTokensBelongToRemoteAndPdeEndpointsOnly() {
        assertThat(PoolYaml.problems(BASE.replace("      kind: builtin\n",
                "      kind: builtin\n      address: localhost:1\n      token: abc\n"))).containsExactly(
                "pde_manager.endpoints[0].address: only remote and pde endpoints take an address;"
                        + " put the options of a builtin endpoint under settings",
                "pde_manager.endpoints[0].token: only remote and pde endpoints take a token;"
                        + " put the credentials of a builtin endpoint under settings");
    }

    @Test
    void anUnknownEndpointKindIsNamedWithTheAllowedOnes() {
        assertThat(PoolYaml.problems(BASE.replace("kind: llm", "kind: oracle"))).containsExactly(
                "pde_manager.endpoints[1].kind: unknown endpoint kind 'oracle' (expected one of builtin, remote,"
                        + " pde, llm, http, mail, jdbc, files, script)");
    }

    @Test
    void durationsAreIso8601AndPositive() {
        assertThat(PoolYaml.problems(BASE.replace("      kind: llm\n", "      kind: llm\n      timeout: 30s\n")
                .replace("      kind: builtin\n", "      kind: builtin\n      timeout: PT0S\n"))).containsExactly(
                "pde_manager.endpoints[0].timeout: must be longer than zero, got PT0S",
                "pde_manager.endpoints[1].timeout: must be an ISO-8601 duration such as PT30S or PT2M, got '30s'");
    }

    @Test
    void aRoutingRuleMustBeForATaskTypeSomePoolHandles() {
        assertThat(PoolYaml.problems(BASE.replace("task_type: summarize", "task_type: translate")))
                .contains("pde_manager.routing[0].task_type: no pool handles task type 'translate' (pools handle:"
                        + " echo, noop, summarize); add it to a pool's task_types, or declare a general_purpose"
                        + " pool without task_types as catch-all");
    }

    @Test
    void aCatchAllPoolHandlesEveryRoutedOrDescribedTaskType() throws Exception {
        PdeManagerConfig config = PoolYaml.load(BASE.replace("task_types: [noop, echo]", "task_types: []")
                .replace("task_type: summarize", "task_type: translate") + """
                  task_types:
                    - name: anything.else
                """);

        assertThat(config.pools().get(0).isCatchAll()).isTrue();
    }

    @Test
    void aTaskTypeDescriptionMustBeUniqueAndHandled() {
        assertThat(PoolYaml.problems(BASE + """
                  task_types:
                    - name: echo
                      required_inputs: [text, text]
                    - name: echo
                    - name: orphan
                """)).containsExactly(
                "pde_manager.task_types[0].required_inputs[1]: input 'text' is listed twice",
                "pde_manager.task_types[1].name: task type 'echo' is already described at pde_manager.task_types[0]",
                "pde_manager.task_types[2].name: no pool handles task type 'orphan' (pools handle: echo, noop,"
                        + " summarize); add it to a pool's task_types, or declare a general_purpose pool without"
                        + " task_types as catch-all");
    }

    @Test
    void everyTaskTypeNeedsAnEndpointFromItsPoolOrARoutingRule() {
        assertThat(PoolYaml.problems(BASE.replace("endpoints: [noop]", "endpoints: []")
                .replace("endpoints: [llm]", "endpoints: []"))).containsExactly(
                "pde_manager.pools[0].endpoints: is empty, so task type(s) echo, noop have no endpoint;"
                        + " list endpoints here or add routing rules for them");
    }

    @Test
    void aMetaPoolNeedsNoEndpoints() throws Exception {
        PdeManagerConfig config = PoolYaml.load(BASE.replace("  endpoints:\n    - id: noop", ""
                + "    - type: meta\n"
                + "      instances: 1\n"
                + "      max_concurrent_tasks: 1\n"
                + "      task_types: [meta.sequence]\n"
                + "  endpoints:\n"
                + "    - id: noop"));

        assertThat(config.pools()).hasSize(3);
        assertThat(config.pools().get(2).endpoints()).isEmpty();
    }

    @Test
    void aCatchAllPoolNeedsEndpoints() {
        assertThat(PoolYaml.problems(BASE.replace("endpoints: [noop]\n      task_types: [noop, echo]",
                "task_types: []"))).containsExactly(
                "pde_manager.pools[0].endpoints: must list at least one endpoint: a catch-all pool has no routing"
                        + " rules for the task types it picks up");
    }

    @Test
    void nodesNeedAUniqueIdOtherThanOursAValidAddressAndPdeTypes() {
        assertThat(PoolYaml.problems(BASE + """
                  nodes:
                    - id: node-b
                      address: 10.0.0.7
                      pde_types: [general_purpose, general_purpose]
                    - id: node-b
                      address: 10.0.0.8:50051
                      pde_types: []
                    - id: test-node
                      address: "[::1]:50051"
                      pde_types: [gpu]
                """)).containsExactly(
                "pde_manager.nodes[0].address: '10.0.0.7' is not host:port (e.g. localhost:50061 or [::1]:50061,"
                        + " port 1-65535, no scheme or path)",
                "pde_manager.nodes[0].pde_types[1]: PDE type general_purpose is listed twice",
                "pde_manager.nodes[1].id: duplicate node id 'node-b' (first declared at pde_manager.nodes[0])",
                "pde_manager.nodes[1].pde_types: must list at least one PDE type (general_purpose, ai, integration, meta)",
                "pde_manager.nodes[2].id: is this server's own node_id; list only other PDE nodes",
                "pde_manager.nodes[2].pde_types[0]: unknown PDE type 'gpu' (expected one of general_purpose, ai,"
                        + " integration, meta)");
    }

    @Test
    void unknownKeysAreErrorsAtEveryLevel() {
        assertThat(PoolYaml.problems(BASE
                .replace("  node_id: test-node", "  node_id: test-node\n  pool: {}")
                .replace("instances: 2", "instances: 2\n      max_concurent_tasks: 3")
                .replace("      kind: llm\n", "      kind: llm\n      adress: localhost:1\n")
                + "extra: true\n")).containsExactly(
                "pde_manager.pools[0].max_concurent_tasks: unknown key (allowed here: type, instances,"
                        + " max_concurrent_tasks, endpoints, task_types)",
                "pde_manager.endpoints[1].adress: unknown key (allowed here: id, kind, address, token, tls, timeout, settings)",
                "pde_manager.pool: unknown key (allowed here: node_id, pools, endpoints, task_types, routing, router, nodes)",
                "extra: unknown key (allowed here: pde_manager)");
    }

    @Test
    void requiredValuesAndShapesAreChecked() {
        assertThat(PoolYaml.problems("""
                pde_manager:
                  pools:
                    - instances: 1
                      max_concurrent_tasks: 1
                      endpoints: noop
                    - just-a-string
                  endpoints:
                    - kind: builtin
                    - id: "bad id"
                      kind: builtin
                  routing:
                    - task_type: x
                      endpoints: []
                """)).containsExactly(
                "pde_manager.node_id: is required",
                "pde_manager.pools[0].type: is required",
                "pde_manager.pools[0].endpoints: must be a list, e.g. [a, b], not a single value",
                "pde_manager.pools[1]: must be a mapping with the keys type, instances, max_concurrent_tasks,"
                        + " endpoints, task_types, not a single value",
                "pde_manager.endpoints[0].id: is required",
                "pde_manager.endpoints[1].id: 'bad id' is not a valid id: use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit, at most 128 characters",
                "pde_manager.routing[0].task_type: no pool handles task type 'x' (pools handle: nothing); add it to"
                        + " a pool's task_types, or declare a general_purpose pool without task_types as catch-all",
                "pde_manager.routing[0].endpoints: must name at least one endpoint");
    }

    @Test
    void atLeastOnePoolIsRequiredUnderTheRootKey() {
        assertThat(PoolYaml.problems("pde_manager:\n  node_id: n\n")).containsExactly(
                "pde_manager.pools: at least one pool is required");
        assertThat(PoolYaml.problems("pools: []\n")).containsExactly(
                "pde_manager: is required: the whole configuration goes under pde_manager:",
                "pools: unknown key (allowed here: pde_manager)");
    }

    @Test
    void allProblemsArriveTogetherInDocumentOrderEveryTime() {
        String broken = """
                pde_manager:
                  nodes:
                    - id: node-b
                      address: nowhere
                      pde_types: [general_purpose]
                  routing:
                    - task_type: ghost
                      endpoints: [noop]
                  endpoints:
                    - id: noop
                      kind: builtin
                    - id: noop
                      kind: teleport
                    - id: remote
                      kind: remote
                  pools:
                    - type: general_purpose
                      instances: 0
                      max_concurrent_tasks: 4
                      endpoints: [noop, missing]
                      task_types: [noop]
                    - type: ai
                      instances: 1
                      max_concurrent_tasks: 0
                      endpoints: [noop]
                      task_types: [noop]
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 1
                      endpoints: [noop]
                      task_types: [other]
                  node_id: ${NODE_NAME}
                """;
        List<String> expected = List.of(
                "pde_manager.node_id: environment variable NODE_NAME is not set and the reference gives no default",
                "pde_manager.pools[0].instances: must be ≥ 1, got 0",
                "pde_manager.pools[0].endpoints[1]: unknown endpoint 'missing' (declared: noop, remote)",
                "pde_manager.pools[1].max_concurrent_tasks: must be ≥ 1, got 0",
                "pde_manager.pools[1].task_types[0]: task type 'noop' is already handled by pde_manager.pools[0]"
                        + " (general_purpose); a task type belongs to exactly one pool",
                "pde_manager.pools[2].type: a general_purpose pool is already declared at pde_manager.pools[0];"
                        + " use one pool per type and size it with instances",
                "pde_manager.endpoints[1].id: duplicate endpoint id 'noop' (first declared at pde_manager.endpoints[0])",
                "pde_manager.endpoints[1].kind: unknown endpoint kind 'teleport' (expected one of builtin, remote,"
                        + " pde, llm, http, mail, jdbc, files, script)",
                "pde_manager.endpoints[2].address: is required for a remote endpoint (host:port, e.g. localhost:50061)",
                "pde_manager.routing[0].task_type: no pool handles task type 'ghost' (pools handle: noop, other);"
                        + " add it to a pool's task_types, or declare a general_purpose pool without task_types"
                        + " as catch-all",
                "pde_manager.nodes[0].address: 'nowhere' is not host:port (e.g. localhost:50061 or [::1]:50061,"
                        + " port 1-65535, no scheme or path)");

        assertThat(PoolYaml.problems(broken)).containsExactlyElementsOf(expected);
        assertThat(PoolYaml.problems(broken)).containsExactlyElementsOf(expected);
    }

    @Test
    void problemsAreAlsoAvailableOneByOne() {
        InvalidPoolConfigException refused = PoolYaml.refusal(BASE.replace("instances: 2", "instances: 0"), Map.of());

        assertThat(refused.problems()).containsExactly(
                new PoolConfigProblem("pde_manager.pools[0].instances", "must be ≥ 1, got 0"));
    }
}
