package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.pool.RouterConfig.CircuitConfig;
import procos.pde.routing.CircuitBreaker.State;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

class RoutingLearnerTest {


    @RegisterExtension
    final CapturedLog log = new CapturedLog();


    private final ManualClock clock = new ManualClock();
    private final ScoreBoard scores = new ScoreBoard(Duration.ofMinutes(10), clock);
    private final CircuitBreakers circuits = new CircuitBreakers(new CircuitConfig(2, 1.0, 20, Duration.ofSeconds(30)), clock);
    private final RoutingLearner learner = new RoutingLearner(scores, circuits);

    @Test
    void everyAttemptOfATaskTeachesItsEndpoint() {
        learner.learn("t", TaskResult.newBuilder().setStatus(TaskStatus.SUCCEEDED).setEndpointId("b").setConfidence(0.8)
                .addAttempts(failed("a", "UNAVAILABLE", 400))
                .addAttempts(failed("a", "UNAVAILABLE", 600))
                .addAttempts(attempt("b", TaskStatus.SUCCEEDED, 50))
                .build());

        ScoreView a = scores.view("t", "a").orElseThrow();
        assertThat(a.failures()).isEqualTo(2.0);
        assertThat(a.meanElapsedMs().getAsDouble()).isEqualTo(500.0);
        ScoreView b = scores.view("t", "b").orElseThrow();
        assertThat(b.successes()).isEqualTo(1.0);
        assertThat(b.meanConfidence().getAsDouble()).isEqualTo(0.8);
        assertThat(circuits.of("a").state()).isEqualTo(State.OPEN);
        assertThat(circuits.of("b").state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aRefusedAnswerLowersTheScoreButShowsTheEndpointIsUp() {
        circuits.of("a").recordFailure();
        learner.learn("t", TaskResult.newBuilder().setStatus(TaskStatus.FAILED)
                .addAttempts(failed("a", RoutingLearner.VALIDATION_FAILED, 30)).build());

        assertThat(scores.view("t", "a").orElseThrow().validationFailures()).isEqualTo(1);
        assertThat(scores.view("t", "a").orElseThrow().failures()).isEqualTo(1.0);
        assertThat(circuits.of("a").status().consecutiveFailures()).isZero();
    }

    @Test
    void aBpmnErrorIsAnAnswerNotAFailure() {
        learner.learn("t", TaskResult.newBuilder().setStatus(TaskStatus.BPMN_ERROR)
                .addAttempts(attempt("a", TaskStatus.BPMN_ERROR, 30)).build());
        assertThat(scores.view("t", "a").orElseThrow().successes()).isEqualTo(1.0);
    }

    @Test
    void anAttemptTheCallerCancelledTeachesNothing() {
        learner.learn("t", TaskResult.newBuilder().setStatus(TaskStatus.FAILED)
                .addAttempts(failed("a", "CANCELLED", 30)).build());
        assertThat(scores.view("t", "a")).isEmpty();
        assertThat(circuits.statuses()).isEmpty();
    }

    @Test
    void aCachedResultTeachesNothing() {
        learner.learn("t", TaskResult.newBuilder().setStatus(TaskStatus.SUCCEEDED).setCached(true).setEndpointId("a").build());
        assertThat(scores.views()).isEmpty();
    }

    private static Attempt attempt(String endpoint, TaskStatus outcome, long elapsedMs) {
        return Attempt.newBuilder().setEndpointId(endpoint).setOutcome(outcome).setElapsedMs(elapsedMs).build();
    }

    private static Attempt failed(String endpoint, String code, long elapsedMs) {
        return attempt(endpoint, TaskStatus.FAILED, elapsedMs).toBuilder()
                .setError(ErrorDetail.newBuilder().setCode(code).setMessage(code)).build();
    }
}
