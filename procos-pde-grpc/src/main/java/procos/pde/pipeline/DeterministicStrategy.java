package procos.pde.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * Deterministic mode: the adapter does the task once. A transient failure (retryable error) is
 * retried on the same endpoint with exponential backoff up to {@code max_attempts}; a permanent
 * failure or an answer Validate refuses moves on to the next endpoint of the plan. An endpoint that
 * reports a BPMN error ends the task at once with that error, for the process model to catch.
 */
public final class DeterministicStrategy implements ExecutionStrategy {

    private static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final EndpointCall call;
    private final ValidateBlock validate;
    private final HealthProbe health;
    private final Duration firstBackoff;

    public DeterministicStrategy(EndpointCall call, ValidateBlock validate, HealthProbe health, Duration firstBackoff) {
        this.call = call;
        this.validate = validate;
        this.health = health;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public Outcome run(TaskContext context, RoutePlan plan) {
        int maxAttempts = context.spec().getConstraints().getMaxAttempts() > 0
                ? context.spec().getConstraints().getMaxAttempts() : DEFAULT_MAX_ATTEMPTS;
        List<Attempt> attempts = new ArrayList<>();
        List<Finding> lastFindings = List.of();
        List<TaskResult> lastSubResults = List.of();
        ErrorDetail lastError = ErrorDetail.newBuilder().setCode("NO_CAPABLE_ENDPOINT")
                .setMessage("no endpoint could run the task").setRetryable(true).build();
        for (Endpoint endpoint : plan.endpoints()) {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                if (context.deadline().isExpired()) {
                    return Outcome.failed(deadlineError(context), attempts, lastFindings);
                }
                long started = System.nanoTime();
                InvokeResponse response;
                try {
                    response = call.invoke(endpoint, Attempts.request(context).build(), context.deadline());
                    ErrorDetail reported = response.getError();
                    if (reported.getBpmnErrorCode().isEmpty() && !reported.getCode().isEmpty()) {
                        // A failure of the work, reported in the response: the endpoint says whether it is retryable.
                        // Its sub-task tree is kept, so a failed composition still shows which sub-task failed.
                        lastSubResults = response.getSubResultsList();
                        throw new EndpointException(reported.getCode(), reported.getMessage(), reported.getRetryable());
                    }
                } catch (EndpointException e) {
                    attempts.add(Attempts.failure(endpoint.id(), e, started, 0));
                    lastError = Attempts.error(e);
                    if (e.code().equals(EndpointCall.CANCELLED)) {
                        return Outcome.failed(lastError, attempts, lastFindings).withSubResults(lastSubResults);
                    }
                    health.forget(endpoint);
                    if (!e.retryable() || attempt == maxAttempts || !backoff(context, attempt)) {
                        break;
                    }
                    continue;
                }
                if (!response.getError().getBpmnErrorCode().isEmpty()) {
                    attempts.add(Attempt.newBuilder().setEndpointId(endpoint.id()).setOutcome(TaskStatus.BPMN_ERROR)
                            .setError(response.getError()).setElapsedMs(Attempts.millisSince(started)).build());
                    return new Outcome(TaskStatus.BPMN_ERROR, response.getOutputs(), 0, endpoint.id(), attempts,
                            List.of(), response.getFindingsList(), response.getError(), response.getSubResultsList());
                }
                List<Finding> findings = validate.validate(context, response);
                if (ValidateBlock.acceptable(findings)) {
                    attempts.add(Attempts.success(endpoint.id(), started, 0));
                    double confidence = response.hasConfidence() ? response.getConfidence() : 1.0;
                    return new Outcome(TaskStatus.SUCCEEDED, response.getOutputs(), confidence, endpoint.id(),
                            attempts, List.of(), findings, null, response.getSubResultsList());
                }
                attempts.add(Attempts.invalid(endpoint.id(), findings, started, 0));
                lastFindings = findings;
                lastSubResults = response.getSubResultsList();
                lastError = ErrorDetail.newBuilder().setCode("VALIDATION_FAILED")
                        .setMessage(attempts.get(attempts.size() - 1).getError().getMessage()).setRetryable(false).build();
                break;
            }
        }
        return Outcome.failed(lastError, attempts, lastFindings).withSubResults(lastSubResults);
    }

    /** Waits before the next attempt; false when the deadline would pass first. */
    private boolean backoff(TaskContext context, int attempt) {
        long waitNanos = firstBackoff.toNanos() << Math.min(attempt - 1, 10);
        if (context.deadline().timeRemaining(TimeUnit.NANOSECONDS) <= waitNanos) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static ErrorDetail deadlineError(TaskContext context) {
        return ErrorDetail.newBuilder().setCode("DEADLINE_EXCEEDED")
                .setMessage("task " + context.taskId() + " ran out of time after " + context.elapsedMs() + " ms")
                .setRetryable(true).build();
    }
}
