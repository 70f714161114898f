package procos.pde.dispatch;

import java.util.List;
import java.util.function.Supplier;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdePool;

/**
 * One pool's share of the dispatcher: the external task topics the pool serves, its capacity (each
 * running task holds one of its permits) and the executor that runs its tasks — the local pipeline,
 * or a remote PDE node for a pool that is scaled out.
 *
 * @param topics read each time the dispatcher wakes, so endpoints registered while running are served
 */
public record DispatchLane(String name, Supplier<List<String>> topics, PdePool pool, TaskExecutor executor) {
}
