package procos.pde.routing;

import java.util.List;
import java.util.Map;

/**
 * What the router knows right now, for Describe and for metrics: the policy in force, every learned
 * (task type, endpoint) score, and every endpoint's circuit.
 *
 * @param policy   {@code learned} or {@code static}
 * @param scores   scores decayed to now, sorted by task type and endpoint
 * @param circuits circuit status by endpoint id, sorted
 */
public record RoutingSnapshot(String policy, List<ScoreView> scores, Map<String, CircuitStatus> circuits) {

    public RoutingSnapshot {
        scores = List.copyOf(scores);
        circuits = Map.copyOf(circuits);
    }
}
