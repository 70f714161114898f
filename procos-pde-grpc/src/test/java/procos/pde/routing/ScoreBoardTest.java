package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScoreBoardTest {

    private static final Duration HALF_LIFE = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final ScoreBoard scores = new ScoreBoard(HALF_LIFE, clock);

    @Test
    void countsSuccessesFailuresAndMeanDurationPerTaskTypeAndEndpoint() {
        scores.record("t", "a", AttemptResult.SUCCESS, 100, OptionalDouble.of(0.9));
        scores.record("t", "a", AttemptResult.FAILURE, 300, OptionalDouble.empty());
        scores.record("t", "a", AttemptResult.REFUSED_ANSWER, 200, OptionalDouble.empty());
        scores.record("other", "a", AttemptResult.SUCCESS, 5, OptionalDouble.empty());

        ScoreView view = scores.view("t", "a").orElseThrow();
        assertThat(view.successes()).isEqualTo(1.0);
        assertThat(view.failures()).isEqualTo(2.0);
        assertThat(view.samples()).isEqualTo(3);
        assertThat(view.validationFailures()).isEqualTo(1);
        assertThat(view.meanElapsedMs().getAsDouble()).isEqualTo(200.0);
        assertThat(view.meanConfidence().getAsDouble()).isEqualTo(0.9);
        assertThat(view.successRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(view.expectedSuccess()).isEqualTo(2.0 / 5);
        assertThat(scores.view("t", "b")).isEmpty();
        assertThat(scores.views()).extracting(ScoreView::taskType).containsExactly("other", "t");
    }

    @Test
    void anAttemptOneHalfLifeOldCountsHalf() {
        scores.record("t", "a", AttemptResult.SUCCESS, 100, OptionalDouble.empty());
        scores.record("t", "a", AttemptResult.FAILURE, 100, OptionalDouble.empty());
        clock.advance(HALF_LIFE);
        ScoreView view = scores.view("t", "a").orElseThrow();
        assertThat(view.successes()).isCloseTo(0.5, within(1e-9));
        assertThat(view.failures()).isCloseTo(0.5, within(1e-9));
        assertThat(view.samples()).as("samples count attempts, undecayed").isEqualTo(2);
        clock.advance(HALF_LIFE);
        assertThat(scores.view("t", "a").orElseThrow().successes()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void decayLetsRecentBehaviourOutweighALongGoodRecord() {
        for (int i = 0; i < 100; i++) {
            scores.record("t", "a", AttemptResult.SUCCESS, 50, OptionalDouble.empty());
        }
        clock.advance(HALF_LIFE.multipliedBy(4));
        for (int i = 0; i < 10; i++) {
            scores.record("t", "a", AttemptResult.FAILURE, 900, OptionalDouble.empty());
        }
        ScoreView view = scores.view("t", "a").orElseThrow();
        // Without decay: 100 successes against 10 failures, 0.9. With it the old record weighs 100/16.
        assertThat(view.successRate()).isLessThan(0.4);
        assertThat(view.meanElapsedMs().getAsDouble()).isGreaterThan(500);
    }

    @Test
    void savedScoresAreTakenOverButDoNotReplaceFreshOnes() {
        ScoreBoard before = new ScoreBoard(HALF_LIFE, clock);
        before.record("t", "a", AttemptResult.SUCCESS, 10, OptionalDouble.empty());
        before.record("t", "b", AttemptResult.FAILURE, 10, OptionalDouble.empty());
        scores.record("t", "b", AttemptResult.SUCCESS, 20, OptionalDouble.empty());

        scores.restore(before.states());

        assertThat(scores.view("t", "a").orElseThrow().successes()).isEqualTo(1.0);
        assertThat(scores.view("t", "b").orElseThrow().successes()).isEqualTo(1.0);
    }
}
