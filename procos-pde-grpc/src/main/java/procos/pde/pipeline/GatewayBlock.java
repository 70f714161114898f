package procos.pde.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.v1.HealthState;

/**
 * Gateway: orders the tested candidates into a primary and its fallbacks. A routing rule for the
 * task type decides the order and restricts the choice to the endpoints it lists; without a rule,
 * candidates keep their registration order. Fully healthy endpoints go before degraded ones.
 */
public final class GatewayBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.gateway");

    private final TaskRules rules;
    private final HealthProbe health;

    public GatewayBlock(TaskRules rules, HealthProbe health) {
        this.rules = rules;
        this.health = health;
    }

    public RoutePlan route(TaskContext context, TestReport report) {
        long started = System.nanoTime();
        List<String> priority = rules.routing(context.taskType());
        List<Endpoint> ordered = new ArrayList<>(report.candidates());
        if (!priority.isEmpty()) {
            ordered.removeIf(endpoint -> !priority.contains(endpoint.id()));
            ordered.sort(Comparator.comparingInt(endpoint -> priority.indexOf(endpoint.id())));
        }
        ordered.sort(Comparator.comparing(endpoint -> health.health(endpoint).getState() != HealthState.HEALTHY));
        RoutePlan plan = new RoutePlan(ordered);
        LOG.debug("task_routed").pdeId(context.pdeId()).correlationId(context.spec().getCorrelation().getCorrelationId())
                .with("task_id", context.taskId()).with("plan", ordered.stream().map(Endpoint::id).toList())
                .durationSince(started).log();
        return plan;
    }
}
