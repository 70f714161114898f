package procos.pde.pool;

import java.util.List;
import java.util.Objects;

/**
 * Which endpoints serve one task type, in priority order ({@code pde_manager.routing[i]}): the
 * first is the primary, the others are fallbacks tried in turn when an earlier one is unhealthy or
 * fails retryably. Overrides the handling pool's own endpoint list for this task type.
 *
 * @param taskType  the task type routed
 * @param endpoints endpoint ids, primary first
 */
public record RoutingRule(String taskType, List<String> endpoints) {

    public RoutingRule {
        Objects.requireNonNull(taskType, "taskType");
        endpoints = List.copyOf(endpoints);
    }
}
