package procos.pde.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import procos.pde.endpoint.Endpoint;
import procos.pde.v1.HealthState;

/**
 * Routing by configuration alone: the rule's priority order (registration order without a rule),
 * fully healthy endpoints before degraded ones. Predictable, and the baseline learned routing is
 * measured against.
 */
public final class StaticPriorityPolicy implements RoutingPolicy {

    private final HealthProbe health;

    public StaticPriorityPolicy(HealthProbe health) {
        this.health = health;
    }

    @Override
    public List<Endpoint> order(String taskType, List<Endpoint> candidates, List<String> priority) {
        List<Endpoint> ordered = new ArrayList<>(candidates);
        if (!priority.isEmpty()) {
            ordered.sort(Comparator.comparingInt(endpoint -> priority.indexOf(endpoint.id())));
        }
        ordered.sort(Comparator.comparing(endpoint -> health.health(endpoint).getState() != HealthState.HEALTHY));
        return ordered;
    }
}
