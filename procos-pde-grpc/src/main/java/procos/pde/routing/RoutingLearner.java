package procos.pde.routing;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import procos.pde.pipeline.EndpointCall;
import procos.pde.pipeline.TaskContext;
import procos.pde.pipeline.TaskListener;
import procos.pde.v1.Attempt;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * The Learner beside the Complete block: feeds every attempt of a finished task to the scores of
 * its (task type, endpoint) and to the endpoint's circuit breaker. A cached result made no attempt
 * and teaches nothing; an attempt cut short because the caller cancelled says nothing about the
 * endpoint and is skipped.
 */
public final class RoutingLearner implements TaskListener {

    /** Code of an attempt whose answer Validate refused (see the pipeline's attempt records). */
    static final String VALIDATION_FAILED = "VALIDATION_FAILED";

    private final ScoreBoard scores;
    private final CircuitBreakers circuits;

    public RoutingLearner(ScoreBoard scores, CircuitBreakers circuits) {
        this.scores = scores;
        this.circuits = circuits;
    }

    @Override
    public void finished(TaskContext context, TaskResult result) {
        learn(context.taskType(), result);
    }

    /** Learns from the attempts of one finished task of {@code taskType}. */
    public void learn(String taskType, TaskResult result) {
        List<Attempt> attempts = result.getAttemptsList();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            Optional<AttemptResult> learned = classify(attempt);
            if (learned.isEmpty() || attempt.getEndpointId().isEmpty()) {
                continue;
            }
            boolean answeredTheTask = i == attempts.size() - 1 && result.getStatus() == TaskStatus.SUCCEEDED;
            OptionalDouble confidence = answeredTheTask ? OptionalDouble.of(result.getConfidence()) : OptionalDouble.empty();
            scores.record(taskType, attempt.getEndpointId(), learned.get(), attempt.getElapsedMs(), confidence);
            CircuitBreaker circuit = circuits.of(attempt.getEndpointId());
            if (learned.get() == AttemptResult.FAILURE) {
                circuit.recordFailure();
            } else {
                circuit.recordSuccess();
            }
        }
    }

    static Optional<AttemptResult> classify(Attempt attempt) {
        if (attempt.getError().getCode().equals(EndpointCall.CANCELLED)) {
            return Optional.empty();
        }
        if (attempt.getOutcome() == TaskStatus.SUCCEEDED || attempt.getOutcome() == TaskStatus.BPMN_ERROR) {
            return Optional.of(AttemptResult.SUCCESS);
        }
        if (attempt.getError().getCode().equals(VALIDATION_FAILED)) {
            return Optional.of(AttemptResult.REFUSED_ANSWER);
        }
        return Optional.of(AttemptResult.FAILURE);
    }
}
