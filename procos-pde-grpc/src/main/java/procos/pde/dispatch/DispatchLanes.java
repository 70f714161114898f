package procos.pde.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdePool;
import procos.pde.pool.PdeTypes;

/**
 * One dispatch lane per configured pool. A pool that lists its task types serves exactly those
 * topics; the catch-all pool serves every task type some endpoint can run that no other pool claims,
 * re-read at each fetch so endpoints registered while running are picked up. Each lane's executor
 * is the local pipeline or, for a pool scaled out to PDE nodes, a {@link RemotePdeExecutor}
 * ({@link #executorFor}).
 */
public final class DispatchLanes {

    private DispatchLanes() {
    }

    public static List<DispatchLane> from(PdeAllocator allocator, EndpointRegistry endpoints,
                                          Function<PdePool, TaskExecutor> executorForPool) {
        Set<String> claimed = new HashSet<>();
        allocator.pools().forEach(pool -> claimed.addAll(pool.config().taskTypes()));
        List<DispatchLane> lanes = new ArrayList<>();
        for (PdePool pool : allocator.pools()) {
            List<String> own = List.copyOf(pool.config().taskTypes());
            lanes.add(new DispatchLane(PdeTypes.yamlName(pool.type()),
                    pool.config().isCatchAll()
                            ? () -> endpoints.taskTypes().stream().filter(type -> !claimed.contains(type)).toList()
                            : () -> own,
                    pool, executorForPool.apply(pool)));
        }
        return lanes;
    }

    /**
     * The executor per pool for {@link #from}: a {@link RemotePdeExecutor} over the configuration's
     * {@code nodes} whose {@code pde_types} contain the pool's type, else {@code local}. The caller
     * owns the result and closes it after the dispatcher has stopped:
     *
     * <pre>{@code
     * PoolExecutors executors = DispatchLanes.executorFor(config, pipeline);
     * dispatcher = new ExternalTaskDispatcher(tasks, settings, DispatchLanes.from(allocator, endpoints, executors), signal);
     * ...
     * dispatcher.stop(grace);
     * executors.close();
     * }</pre>
     */
    public static PoolExecutors executorFor(PdeManagerConfig config, TaskExecutor local) {
        return PoolExecutors.of(config, local);
    }
}
