package procos.pde.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import procos.pde.routing.CircuitStatus;
import procos.pde.routing.ScoreView;
import procos.pde.v1.CircuitBreakerStatus;
import procos.pde.v1.CircuitState;
import procos.pde.v1.RoutingScore;

/** The router's view in the contract's terms: learned scores and circuit breakers as Describe reports them. */
final class RoutingDescriptions {

    private RoutingDescriptions() {
    }

    /** {@code score} is the posterior mean chance of success, the number the learned policy samples around. */
    static RoutingScore score(ScoreView view) {
        RoutingScore.Builder score = RoutingScore.newBuilder()
                .setTaskType(view.taskType())
                .setEndpointId(view.endpointId())
                .setScore(view.expectedSuccess())
                .setSamples(view.samples())
                .setSuccessRate(view.successRate())
                .setMeanElapsedMs(view.meanElapsedMs().orElse(0))
                .setUpdatedAt(timestamp(view.updatedAt()))
                .setDecayedSuccesses(view.successes())
                .setDecayedFailures(view.failures())
                .setValidationFailures(view.validationFailures());
        view.meanConfidence().ifPresent(score::setMeanConfidence);
        return score.build();
    }

    static CircuitBreakerStatus circuit(CircuitStatus status) {
        CircuitBreakerStatus.Builder circuit = CircuitBreakerStatus.newBuilder()
                .setState(switch (status.state()) {
                    case CLOSED -> CircuitState.CIRCUIT_CLOSED;
                    case OPEN -> CircuitState.CIRCUIT_OPEN;
                    case HALF_OPEN -> CircuitState.CIRCUIT_HALF_OPEN;
                })
                .setConsecutiveFailures(status.consecutiveFailures())
                .setFailureRate(status.failureRate())
                .setWindowCalls(status.windowCalls());
        status.openedAt().ifPresent(at -> circuit.setOpenedAt(timestamp(at)));
        status.retryAt().ifPresent(at -> circuit.setRetryAt(timestamp(at)));
        return circuit.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
