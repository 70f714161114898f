package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.pool.RouterConfig.CircuitConfig;
import procos.pde.routing.CircuitBreaker.State;

class CircuitBreakerTest {


    @RegisterExtension
    final CapturedLog log = new CapturedLog();


    private static final Duration COOL_DOWN = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker circuit = new CircuitBreaker("e", new CircuitConfig(3, 0.5, 10, COOL_DOWN), clock);

    @Test
    void staysClosedWhileFailuresAreInterruptedBySuccesses() {
        failTimes(2);
        circuit.recordSuccess();
        failTimes(2);
        assertThat(circuit.state()).isEqualTo(State.CLOSED);
        assertThat(circuit.admits()).isTrue();
    }

    @Test
    void opensAfterTheConfiguredFailuresInARow() {
        failTimes(3);
        assertThat(circuit.state()).isEqualTo(State.OPEN);
        assertThat(circuit.admits()).isFalse();
        assertThat(circuit.status().consecutiveFailures()).isEqualTo(3);
        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"circuit_opened\"").contains("\"endpoint\":\"e\"")
                .contains("\"retry_at\":\"" + clock.instant().plus(COOL_DOWN) + "\""));
    }

    @Test
    void opensWhenAFullWindowFailsAtTheConfiguredRate() {
        for (int i = 0; i < 5; i++) {
            circuit.recordFailure();
            circuit.recordSuccess();
        }
        // Ten calls, five failed, never three in a row: the rate (0.5) trips it at the window's end.
        assertThat(circuit.state()).isEqualTo(State.CLOSED);
        circuit.recordFailure();
        assertThat(circuit.state()).isEqualTo(State.OPEN);
    }

    @Test
    void doesNotJudgeTheRateBeforeTheWindowIsFull() {
        circuit.recordFailure();
        circuit.recordSuccess();
        circuit.recordFailure();
        assertThat(circuit.status().failureRate()).isGreaterThan(0.5);
        assertThat(circuit.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void openCircuitRefusesCallsUntilTheCoolDownHasPassed() {
        failTimes(3);
        clock.advance(COOL_DOWN.minusMillis(1));
        assertThat(circuit.admits()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void halfOpenCircuitAdmitsOneTrialAndClosesWhenItSucceeds() {
        failTimes(3);
        clock.advance(COOL_DOWN);
        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.admits()).as("a second caller while the trial runs").isFalse();
        circuit.recordSuccess();
        assertThat(circuit.state()).isEqualTo(State.CLOSED);
        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.status().consecutiveFailures()).isZero();
    }

    @Test
    void failedTrialOpensTheCircuitForAnotherCoolDown() {
        failTimes(3);
        clock.advance(COOL_DOWN);
        assertThat(circuit.admits()).isTrue();
        circuit.recordFailure();
        assertThat(circuit.state()).isEqualTo(State.OPEN);
        assertThat(circuit.status().retryAt()).contains(clock.instant().plus(COOL_DOWN));
        clock.advance(COOL_DOWN.minusMillis(1));
        assertThat(circuit.admits()).isFalse();
    }

    @Test
    void trialWhoseOutcomeNeverCameIsGivenUpAfterACoolDown() {
        failTimes(3);
        clock.advance(COOL_DOWN);
        assertThat(circuit.admits()).isTrue();
        clock.advance(COOL_DOWN);
        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void statusShowsWhenTheCircuitOpenedAndWhenItWillTryAgain() {
        assertThat(circuit.status().openedAt()).isEmpty();
        failTimes(3);
        CircuitStatus status = circuit.status();
        assertThat(status.state()).isEqualTo(State.OPEN);
        assertThat(status.openedAt()).contains(clock.instant());
        assertThat(status.retryAt()).contains(clock.instant().plus(COOL_DOWN));
        assertThat(status.windowCalls()).isEqualTo(3);
        assertThat(status.failureRate()).isEqualTo(1.0);
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            circuit.recordFailure();
        }
    }
}
