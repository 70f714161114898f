package procos.pde.pool;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import procos.pde.pipeline.TaskRules;
import procos.pde.v1.PdeType;

/**
 * The pipeline's task rules as the PDE manager configuration states them: required inputs and
 * outputs and cacheability from {@code task_types}, routing from {@code routing} — or, for a task type
 * a pool lists explicitly, that pool's endpoints. Task types of a catch-all pool have no fixed route:
 * any capable endpoint may run them, including endpoints registered while running.
 */
public final class ConfiguredTaskRules implements TaskRules {

    private final PdeManagerConfig config;
    private final TaskTypeCatalog catalog;

    public ConfiguredTaskRules(PdeManagerConfig config) {
        this.config = config;
        this.catalog = TaskTypeCatalog.from(config);
    }

    @Override
    public Set<String> requiredInputs(String taskType) {
        return new LinkedHashSet<>(catalog.requiredInputs(taskType));
    }

    @Override
    public Set<String> requiredOutputs(String taskType) {
        return new LinkedHashSet<>(catalog.requiredOutputs(taskType));
    }

    @Override
    public boolean cacheable(String taskType) {
        return catalog.isDeterministic(taskType) && catalog.isIdempotent(taskType);
    }

    @Override
    public List<String> routing(String taskType) {
        return config.routingRule(taskType).map(RoutingRule::endpoints)
                .or(() -> config.pools().stream()
                        // A meta pool's endpoints are the PDEs its sub-tasks go to, not the route of its own tasks.
                        .filter(pool -> pool.type() != PdeType.META && pool.taskTypes().contains(taskType))
                        .findFirst().map(PoolConfig::endpoints))
                .orElse(List.of());
    }
}
