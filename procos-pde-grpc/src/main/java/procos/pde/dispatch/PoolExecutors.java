package procos.pde.dispatch;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import procos.logging.StructuredLogger;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.NodeConfig;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdePool;
import procos.pde.pool.PdeTypes;
import procos.pde.pool.PoolConfig;
import procos.pde.v1.PdeType;

/**
 * Which executor runs each pool's tasks: a {@link RemotePdeExecutor} over the configured PDE nodes
 * whose {@code pde_types} include the pool's type (scale-out), otherwise the local pipeline. A
 * {@code Function<PdePool, TaskExecutor>} for {@link DispatchLanes#from}, and the owner of the
 * remote executors it creates, so the caller closes their channels with one {@link #close()} after
 * stopping the dispatcher.
 *
 * <p>A scaled-out pool keeps its lane and its capacity: {@code instances × max_concurrent_tasks} in
 * the server's file still bounds how many of its tasks are in flight, now over all its nodes.
 *
 * <p>Each remote pool gets its own executor, with its own channels and cool-down state, even when
 * one node serves several pool types: pools stay independent, at the cost of a channel per pool.
 */
public final class PoolExecutors implements Function<PdePool, TaskExecutor>, AutoCloseable {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("dispatcher");

    private final TaskExecutor local;
    private final Map<PdeType, RemotePdeExecutor> remote;

    private PoolExecutors(TaskExecutor local, Map<PdeType, RemotePdeExecutor> remote) {
        this.local = local;
        this.remote = remote;
    }

    /** The executors for {@code config}'s pools; see {@link DispatchLanes#executorFor}. */
    static PoolExecutors of(PdeManagerConfig config, TaskExecutor local) {
        Objects.requireNonNull(local, "local");
        Map<PdeType, RemotePdeExecutor> remote = new EnumMap<>(PdeType.class);
        try {
            for (PoolConfig pool : config.pools()) {
                List<NodeConfig> nodes = config.nodes().stream().filter(node -> node.pdeTypes().contains(pool.type())).toList();
                if (!nodes.isEmpty()) {
                    remote.put(pool.type(), RemotePdeExecutor.forNodes(nodes));
                }
            }
        } catch (RuntimeException e) {
            remote.values().forEach(RemotePdeExecutor::close);
            throw e;
        }
        PoolExecutors executors = new PoolExecutors(local, remote);
        executors.logChoice(config);
        return executors;
    }

    @Override
    public TaskExecutor apply(PdePool pool) {
        return forType(pool.type());
    }

    /** The remote executor for pools of {@code type}, or the local pipeline. */
    public TaskExecutor forType(PdeType type) {
        RemotePdeExecutor executor = remote.get(type);
        return executor != null ? executor : local;
    }

    /** True if pools of {@code type} run on PDE nodes rather than locally. */
    public boolean isRemote(PdeType type) {
        return remote.containsKey(type);
    }

    /** Closes the remote executors' channels; the local pipeline is not this object's to close. */
    @Override
    public void close() {
        remote.values().forEach(RemotePdeExecutor::close);
    }

    private void logChoice(PdeManagerConfig config) {
        Map<String, Object> byPool = new LinkedHashMap<>();
        for (PoolConfig pool : config.pools()) {
            RemotePdeExecutor executor = remote.get(pool.type());
            byPool.put(PdeTypes.yamlName(pool.type()), executor == null ? "local" : executor.nodeIds());
        }
        LOG.info("pool_executors_ready").with("executors", byPool).log();
    }
}
