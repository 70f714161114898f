package procos.pde.pipeline;

import java.util.ArrayList;
import java.util.List;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;

/**
 * Gateway: orders the tested candidates into a primary and its fallbacks. A routing rule for the
 * task type restricts the choice to the endpoints it lists and states their priority; the
 * {@link RoutingPolicy} decides the order — by default {@link StaticPriorityPolicy} (rule order,
 * healthy before degraded), in a configured PDE the learned router.
 */
public final class GatewayBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.gateway");

    private final TaskRules rules;
    private final RoutingPolicy policy;

    public GatewayBlock(TaskRules rules, RoutingPolicy policy) {
        this.rules = rules;
        this.policy = policy;
    }

    /** Static priority routing. */
    public GatewayBlock(TaskRules rules, HealthProbe health) {
        this(rules, new StaticPriorityPolicy(health));
    }

    public RoutePlan route(TaskContext context, TestReport report) {
        long started = System.nanoTime();
        List<String> priority = rules.routing(context.taskType());
        List<Endpoint> allowed = new ArrayList<>(report.candidates());
        if (!priority.isEmpty()) {
            allowed.removeIf(endpoint -> !priority.contains(endpoint.id()));
        }
        RoutePlan plan = new RoutePlan(allowed.isEmpty() ? allowed : policy.order(context.taskType(), allowed, priority));
        LOG.debug("task_routed").pdeId(context.pdeId()).correlationId(context.spec().getCorrelation().getCorrelationId())
                .with("task_id", context.taskId()).with("plan", plan.endpoints().stream().map(Endpoint::id).toList())
                .durationSince(started).log();
        return plan;
    }
}
