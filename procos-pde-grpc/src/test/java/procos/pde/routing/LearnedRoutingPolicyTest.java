package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.Endpoint;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pipeline.ScriptedEndpoint;
import procos.pde.pool.RouterConfig.CircuitConfig;

class LearnedRoutingPolicyTest {


    @RegisterExtension
    final CapturedLog log = new CapturedLog();


    private static final int DRAWS = 1000;

    private final ManualClock clock = new ManualClock();
    private final ScoreBoard scores = new ScoreBoard(Duration.ofMinutes(10), clock);
    private final CircuitBreakers circuits = new CircuitBreakers(new CircuitConfig(3, 0.5, 20, Duration.ofSeconds(30)), clock);
    private final HealthProbe health = new HealthProbe(Duration.ofMinutes(5));

    private final ScriptedEndpoint a = ScriptedEndpoint.of("a", "t");
    private final ScriptedEndpoint b = ScriptedEndpoint.of("b", "t");
    private final ScriptedEndpoint c = ScriptedEndpoint.of("c", "t");

    private LearnedRoutingPolicy policy(long seed, double latencyWeight) {
        return new LearnedRoutingPolicy(scores, circuits, health, new Random(seed), latencyWeight);
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        record(a, AttemptResult.SUCCESS, 3, 100);
        record(a, AttemptResult.FAILURE, 2, 100);
        record(b, AttemptResult.SUCCESS, 2, 100);
        assertThat(orders(policy(42, 0.1), DRAWS)).isEqualTo(orders(policy(42, 0.1), DRAWS));
        assertThat(orders(policy(42, 0.1), DRAWS)).isNotEqualTo(orders(policy(7, 0.1), DRAWS));
    }

    @Test
    void withoutEvidenceTheRulesPrimaryLeadsMostOfTheTimeButNotAlways() {
        // Beta(2, 1) against Beta(1, 1): the primary wins two draws in three, the fallback still gets explored.
        assertThat(timesFirst(b, policy(1, 0.1), List.of(a, b), List.of("b", "a"))).isBetween(600, 730);
    }

    @Test
    void anEndpointThatKeepsSucceedingOvertakesAFailingPrimary() {
        record(a, AttemptResult.FAILURE, 30, 100);
        record(b, AttemptResult.SUCCESS, 30, 100);
        LearnedRoutingPolicy policy = policy(3, 0.1);
        for (int i = 0; i < DRAWS; i++) {
            assertThat(policy.order("t", List.of(a, b), List.of("a", "b"))).containsExactly(b, a);
        }
    }

    @Test
    void refusedAnswersCountAgainstTheEndpointLikeFailures() {
        record(a, AttemptResult.REFUSED_ANSWER, 30, 100);
        record(b, AttemptResult.SUCCESS, 30, 100);
        assertThat(policy(4, 0.1).order("t", List.of(a, b), List.of("a", "b"))).containsExactly(b, a);
    }

    @Test
    void betweenEquallyReliableEndpointsTheFasterOneLeads() {
        record(a, AttemptResult.SUCCESS, 50, 1000);
        record(b, AttemptResult.SUCCESS, 50, 100);
        assertThat(timesFirst(b, policy(5, 0.1), List.of(a, b), List.of("a", "b"))).isGreaterThan(950);
    }

    @Test
    void withoutLatencyWeightLatencyDoesNotOutweighSuccess() {
        record(a, AttemptResult.SUCCESS, 50, 5000);
        record(b, AttemptResult.SUCCESS, 25, 10);
        record(b, AttemptResult.FAILURE, 25, 10);
        assertThat(policy(6, 0).order("t", List.of(a, b), List.of("b", "a"))).containsExactly(a, b);
    }

    @Test
    void anOpenCircuitGoesLastWhateverItsScore() {
        record(a, AttemptResult.SUCCESS, 50, 10);
        circuits.of("a").recordFailure();
        circuits.of("a").recordFailure();
        circuits.of("a").recordFailure();
        record(b, AttemptResult.FAILURE, 10, 10);
        assertThat(policy(8, 0.1).order("t", List.of(a, b, c), List.of("a", "b", "c"))).endsWith(a);
    }

    @Test
    void anOpenCircuitIsStillInThePlanWhenNothingElseIsLeft() {
        circuits.of("a").recordFailure();
        circuits.of("a").recordFailure();
        circuits.of("a").recordFailure();
        assertThat(policy(9, 0.1).order("t", List.of(a), List.of())).containsExactly(a);
    }

    @Test
    void degradedEndpointsGoAfterHealthyOnes() {
        a.degraded();
        record(a, AttemptResult.SUCCESS, 50, 10);
        assertThat(policy(10, 0.1).order("t", List.of(a, b), List.of("a", "b"))).containsExactly(b, a);
    }

    @Test
    void scoresOfAnotherTaskTypeDoNotApply() {
        for (int i = 0; i < 30; i++) {
            scores.record("other", "a", AttemptResult.FAILURE, 10, OptionalDouble.empty());
            scores.record("other", "b", AttemptResult.SUCCESS, 10, OptionalDouble.empty());
        }
        assertThat(timesFirst(a, policy(11, 0.1), List.of(a, b), List.of("a", "b"))).isBetween(600, 730);
    }

    private void record(Endpoint endpoint, AttemptResult result, int times, long elapsedMs) {
        for (int i = 0; i < times; i++) {
            scores.record("t", endpoint.id(), result, elapsedMs, OptionalDouble.empty());
        }
    }

    /** In how many of {@value #DRAWS} plans {@code endpoint} comes first. */
    private static int timesFirst(Endpoint endpoint, LearnedRoutingPolicy policy, List<Endpoint> candidates, List<String> priority) {
        int first = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (policy.order("t", candidates, priority).get(0) == endpoint) {
                first++;
            }
        }
        return first;
    }

    private List<List<String>> orders(LearnedRoutingPolicy policy, int draws) {
        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            orders.add(policy.order("t", List.of(a, b, c), List.of("a", "b", "c")).stream().map(Endpoint::id).toList());
        }
        return orders;
    }
}
