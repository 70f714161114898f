package procos.pde.pool;

import java.util.List;
import java.util.Objects;
import procos.pde.v1.PdeType;

/**
 * One pool of PDE instances of the same type ({@code pde_manager.pools[i]}).
 *
 * @param type               which PDE type runs the pool's tasks; at most one pool per type
 * @param instances          how many PDE instances the pool runs
 * @param maxConcurrentTasks how many tasks one instance runs at a time
 * @param endpoints          endpoint ids the pool's PDEs route to, in priority order, for task types
 *                           without a {@link RoutingRule}
 * @param taskTypes          the task types this pool handles; empty on a {@code general_purpose}
 *                           pool makes it the catch-all for every task type no other pool claims
 */
public record PoolConfig(PdeType type, int instances, int maxConcurrentTasks, List<String> endpoints,
                         List<String> taskTypes) {

    public PoolConfig {
        Objects.requireNonNull(type, "type");
        endpoints = List.copyOf(endpoints);
        taskTypes = List.copyOf(taskTypes);
    }

    /**
     * How many tasks the pool runs at once: {@code instances × max_concurrent_tasks}.
     *
     * @throws ArithmeticException if that does not fit an {@code int} (the loader refuses such files)
     */
    public int capacity() {
        return Math.multiplyExact(instances, maxConcurrentTasks);
    }

    /** True for a {@code general_purpose} pool that lists no task types: it takes any unclaimed task type. */
    public boolean isCatchAll() {
        return type == PdeType.GENERAL_PURPOSE && taskTypes.isEmpty();
    }
}
