package procos.pde.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import procos.pde.endpoint.Endpoint;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pipeline.RoutingPolicy;
import procos.pde.v1.HealthState;

/**
 * Orders candidates by what the PDE has learned, exploring while it is unsure (Thompson sampling).
 *
 * <p>For every candidate it draws a success chance p from Beta(s + 1 + prior, f + 1), where s and f
 * are the decayed successes and failures of that endpoint for the task type ({@link ScoreBoard})
 * and {@code prior} is the routing rule's say: {@value #PRIOR_WEIGHT} extra successes for the
 * primary, falling linearly to 0 for the last fallback. An endpoint nobody knows much about draws
 * widely spread values and so gets tried now and then; a well-known one draws close to its rate.
 * Its utility is {@code p − latency_weight · (mean latency / slowest mean latency among the
 * candidates)}: success comes first, and latency decides between endpoints whose chances are within
 * {@code latency_weight} of each other (an endpoint never timed is not penalised, so it is tried).
 *
 * <p>The plan lists, in this order: healthy endpoints whose circuit admits calls, by utility;
 * degraded (or not yet known) ones whose circuit admits calls, by utility; endpoints whose circuit
 * is open, last — used only when everything before them failed. Ties keep the rule's order.
 */
public final class LearnedRoutingPolicy implements RoutingPolicy {

    /** Pseudo-successes the primary gets before any attempt: enough to lead at first, little enough to be outvoted soon. */
    static final double PRIOR_WEIGHT = 1.0;

    private final ScoreBoard scores;
    private final CircuitBreakers circuits;
    private final HealthProbe health;
    private final BetaSampler sampler;
    private final double latencyWeight;

    public LearnedRoutingPolicy(ScoreBoard scores, CircuitBreakers circuits, HealthProbe health, RandomGenerator random,
                                double latencyWeight) {
        this.scores = scores;
        this.circuits = circuits;
        this.health = health;
        this.sampler = new BetaSampler(random);
        this.latencyWeight = latencyWeight;
    }

    @Override
    public List<Endpoint> order(String taskType, List<Endpoint> candidates, List<String> priority) {
        List<Endpoint> byRule = new ArrayList<>(candidates);
        if (!priority.isEmpty()) {
            byRule.sort(Comparator.comparingInt(endpoint -> priority.indexOf(endpoint.id())));
        }
        List<Ranked> ranked = new ArrayList<>();
        double slowest = 0;
        for (int rank = 0; rank < byRule.size(); rank++) {
            Endpoint endpoint = byRule.get(rank);
            double prior = byRule.size() == 1 ? 0 : PRIOR_WEIGHT * (byRule.size() - 1 - rank) / (byRule.size() - 1);
            double successes = 0;
            double failures = 0;
            OptionalDouble latency = OptionalDouble.empty();
            var view = scores.view(taskType, endpoint.id());
            if (view.isPresent()) {
                successes = view.get().successes();
                failures = view.get().failures();
                latency = view.get().meanElapsedMs();
            }
            slowest = Math.max(slowest, latency.orElse(0));
            ranked.add(new Ranked(endpoint, rank, group(endpoint), sampler.sample(successes + 1 + prior, failures + 1), latency));
        }
        double slowestLatency = slowest;
        return ranked.stream()
                .sorted(Comparator.comparingInt(Ranked::group)
                        .thenComparing(Comparator.comparingDouble((Ranked r) -> r.utility(latencyWeight, slowestLatency)).reversed())
                        .thenComparingInt(Ranked::rank))
                .map(Ranked::endpoint)
                .toList();
    }

    /** 0: healthy and admitted; 1: degraded or unknown health, admitted; 2: circuit open. */
    private int group(Endpoint endpoint) {
        if (!circuits.of(endpoint.id()).admits()) {
            return 2;
        }
        return health.health(endpoint).getState() == HealthState.HEALTHY ? 0 : 1;
    }

    private record Ranked(Endpoint endpoint, int rank, int group, double sampledSuccess, OptionalDouble latencyMs) {

        double utility(double latencyWeight, double slowestMs) {
            double penalty = latencyMs.isPresent() && slowestMs > 0 ? latencyWeight * latencyMs.getAsDouble() / slowestMs : 0;
            return sampledSuccess - penalty;
        }
    }
}
