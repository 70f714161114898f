package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.pool.PdePool;
import procos.pde.v1.PdeType;
import procos.pde.v1.TaskResult;

class PoolExecutorsTest {

    /** Keeps forwarded WARN lines out of the test console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private static final String CONFIG = """
            pde_manager:
              node_id: server-1
              pools:
                - type: general_purpose
                  instances: 1
                  max_concurrent_tasks: 4
                  endpoints: [noop]
                - type: integration
                  instances: 1
                  max_concurrent_tasks: 2
                  endpoints: [noop]
                  task_types: [erp.lookup]
              endpoints:
                - id: noop
                  kind: builtin
              nodes:
                - id: node-a
                  address: localhost:50061
                  token: ${NODE_TOKEN}
                  pde_types: [integration]
                - id: node-b
                  address: localhost:50062
                  pde_types: [integration, ai]
            """;

    private final InMemorySink sink = new InMemorySink();
    private final SinkOverride log = StructuredLogger.useSink(sink);
    private final TaskExecutor local = request -> TaskResult.getDefaultInstance();
    private PoolExecutors executors;

    @AfterEach
    void tearDown() {
        if (executors != null) {
            executors.close();
        }
        log.close();
    }

    @Test
    void aPoolWithNodesOfItsTypeRunsRemotelyAndTheOthersLocally() throws Exception {
        PdeManagerConfig config = PdeManagerConfigLoader.load(
                new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)), Map.of("NODE_TOKEN", "tok-123")::get);
        PdeAllocator allocator = PdeAllocator.from(config);

        executors = DispatchLanes.executorFor(config, local);
        PdePool generalPurpose = allocator.pool(PdeType.GENERAL_PURPOSE).orElseThrow();
        PdePool integration = allocator.pool(PdeType.INTEGRATION).orElseThrow();

        assertThat(executors.apply(generalPurpose)).isSameAs(local);
        assertThat(executors.apply(integration)).isInstanceOfSatisfying(RemotePdeExecutor.class,
                remote -> assertThat(remote.nodeIds()).containsExactly("node-a", "node-b"));
        assertThat(executors.isRemote(PdeType.INTEGRATION)).isTrue();
        assertThat(executors.isRemote(PdeType.AI)).as("no ai pool here").isFalse();
        assertThat(sink.lines()).anySatisfy(line -> assertThat(line).contains("pool_executors_ready")
                .contains("\"general_purpose\":\"local\"").contains("\"integration\":[\"node-a\",\"node-b\"]"));
        assertThat(String.join("\n", sink.lines())).doesNotContain("tok-123");
    }

    @Test
    void theLanesUseTheChosenExecutors() throws Exception {
        PdeManagerConfig config = PdeManagerConfigLoader.load(
                new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)), Map.of("NODE_TOKEN", "t")::get);
        executors = DispatchLanes.executorFor(config, local);

        List<DispatchLane> lanes = DispatchLanes.from(PdeAllocator.from(config), new EndpointRegistry(), executors);

        assertThat(lanes).extracting(DispatchLane::name).containsExactly("general_purpose", "integration");
        assertThat(lanes.get(0).executor()).isSameAs(local);
        assertThat(lanes.get(1).executor()).isInstanceOf(RemotePdeExecutor.class);
    }
}
