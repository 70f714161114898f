package procos.pde.pool;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import procos.logging.StructuredLogger;
import procos.pde.v1.PdeType;

/**
 * Decides which pool runs a task type and whether it has room right now. This is the PDE manager's
 * backpressure: the engine dispatcher locks at most a pool's capacity plus a small, bounded
 * prefetch, starts a task only on a free permit, and leaves the rest waiting in the engine, where
 * they survive restarts, instead of queueing them in memory or dropping them.
 *
 * <p>A task type goes to the pool that lists it; a task type no pool lists goes to the
 * general_purpose pool without task types (the catch-all), if there is one.
 */
public final class PdeAllocator {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pool");

    private final List<PdePool> pools;
    private final Map<PdeType, PdePool> byType;
    private final Map<String, PdePool> byTaskType;
    private final PdePool catchAll;

    private PdeAllocator(List<PdePool> pools, Map<PdeType, PdePool> byType, Map<String, PdePool> byTaskType,
                         PdePool catchAll) {
        this.pools = List.copyOf(pools);
        this.byType = byType;
        this.byTaskType = Map.copyOf(byTaskType);
        this.catchAll = catchAll;
    }

    /**
     * One {@link PdePool} per configured pool.
     *
     * @throws IllegalArgumentException if two pools share a type or a task type, which a loaded
     *                                  configuration never does
     */
    public static PdeAllocator from(PdeManagerConfig config) {
        List<PdePool> pools = new ArrayList<>();
        Map<PdeType, PdePool> byType = new EnumMap<>(PdeType.class);
        Map<String, PdePool> byTaskType = new HashMap<>();
        PdePool catchAll = null;
        for (PoolConfig poolConfig : config.pools()) {
            PdePool pool = new PdePool(poolConfig);
            if (byType.putIfAbsent(pool.type(), pool) != null) {
                throw new IllegalArgumentException("two pools of type " + PdeTypes.yamlName(pool.type()));
            }
            for (String taskType : poolConfig.taskTypes()) {
                if (byTaskType.putIfAbsent(taskType, pool) != null) {
                    throw new IllegalArgumentException("task type " + taskType + " is claimed by two pools");
                }
            }
            if (poolConfig.isCatchAll()) {
                catchAll = pool;
            }
            pools.add(pool);
        }
        PdeAllocator allocator = new PdeAllocator(pools, byType, byTaskType, catchAll);
        allocator.logReady();
        return allocator;
    }

    /**
     * The pool that runs {@code taskType}.
     *
     * @throws UnknownTaskTypeException if no pool lists it and there is no catch-all pool
     */
    public PdePool poolFor(String taskType) throws UnknownTaskTypeException {
        PdePool pool = byTaskType.get(taskType);
        if (pool != null) {
            return pool;
        }
        if (catchAll != null) {
            return catchAll;
        }
        throw new UnknownTaskTypeException(taskType, byTaskType.keySet());
    }

    /**
     * A slot in the pool that runs {@code taskType}, or empty if that pool is saturated: then do not
     * fetch the task; it waits in the engine.
     *
     * @throws UnknownTaskTypeException if no pool runs {@code taskType}
     */
    public Optional<Permit> tryAcquire(String taskType) throws UnknownTaskTypeException {
        return poolFor(taskType).tryAcquire();
    }

    /** Free slots in the pool of this type right now; 0 if there is no such pool. */
    public int availableCapacity(PdeType type) {
        PdePool pool = byType.get(Objects.requireNonNull(type, "type"));
        return pool == null ? 0 : pool.available();
    }

    /**
     * Free slots in the pool that runs {@code taskType}: how many tasks of it the dispatcher may
     * fetch now. Task types sharing a pool share this number.
     *
     * @throws UnknownTaskTypeException if no pool runs {@code taskType}
     */
    public int availableCapacityFor(String taskType) throws UnknownTaskTypeException {
        return poolFor(taskType).available();
    }

    /** The pool of this type, if one is configured. */
    public Optional<PdePool> pool(PdeType type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** All pools, in configuration order. */
    public List<PdePool> pools() {
        return pools;
    }

    /** Task types that some pool lists by name (the catch-all takes others as well). */
    public Set<String> knownTaskTypes() {
        return byTaskType.keySet();
    }

    public boolean hasCatchAll() {
        return catchAll != null;
    }

    private void logReady() {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        pools.forEach(pool -> capacity.put(PdeTypes.yamlName(pool.type()), pool.capacity()));
        LOG.info("pde_pools_ready")
                .with("pool_capacity", capacity)
                .with("task_types", byTaskType.size())
                .with("catch_all", catchAll == null ? null : PdeTypes.yamlName(catchAll.type()))
                .log();
    }
}
