package procos.pde.pipeline;

import java.util.List;
import java.util.UUID;
import procos.logging.LogContext;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Attempt;
import procos.pde.v1.Correlation;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.TaskStatus;

/** Small shared pieces of both strategies: the request an endpoint gets, and how an attempt is recorded. */
final class Attempts {

    private Attempts() {
    }

    static InvokeRequest.Builder request(TaskContext context) {
        return InvokeRequest.newBuilder()
                .setInvocationId(UUID.randomUUID().toString())
                .setTaskId(context.taskId())
                .setTaskType(context.taskType())
                .setInputs(context.spec().getInputs())
                .setMode(context.mode())
                .setCorrelation(correlation(context))
                .setIdempotencyKey(context.spec().getCache().getIdempotencyKey())
                .addAllAllowedTools(context.spec().getAllowedToolsList())
                .setMaxOutputBytes(context.spec().getConstraints().getMaxOutputBytes());
    }

    /**
     * The spec's correlation ids; a correlation id the caller sent only as a header (in the log
     * context by now) is filled in, so that it reaches the endpoint and whatever the endpoint calls.
     */
    private static Correlation correlation(TaskContext context) {
        Correlation correlation = context.spec().getCorrelation();
        String fromHeader = LogContext.get(LogContext.CORRELATION_ID);
        return correlation.getCorrelationId().isEmpty() && fromHeader != null
                ? correlation.toBuilder().setCorrelationId(fromHeader).build()
                : correlation;
    }

    static Attempt failure(String endpointId, EndpointException error, long startedNanos, int iteration) {
        return Attempt.newBuilder().setEndpointId(endpointId)
                .setOutcome(error.code().equals("DEADLINE_EXCEEDED") ? TaskStatus.TIMED_OUT : TaskStatus.FAILED)
                .setError(error(error))
                .setElapsedMs(millisSince(startedNanos))
                .setIteration(iteration)
                .build();
    }

    static Attempt invalid(String endpointId, List<Finding> findings, long startedNanos, int iteration) {
        String message = findings.stream().filter(ValidateBlock::isError).map(Finding::getMessage).findFirst().orElse("invalid output");
        return Attempt.newBuilder().setEndpointId(endpointId).setOutcome(TaskStatus.FAILED)
                .setError(ErrorDetail.newBuilder().setCode("VALIDATION_FAILED").setMessage(message).setRetryable(false))
                .setElapsedMs(millisSince(startedNanos)).setIteration(iteration).build();
    }

    static Attempt success(String endpointId, long startedNanos, int iteration) {
        return Attempt.newBuilder().setEndpointId(endpointId).setOutcome(TaskStatus.SUCCEEDED)
                .setElapsedMs(millisSince(startedNanos)).setIteration(iteration).build();
    }

    static ErrorDetail error(EndpointException error) {
        return ErrorDetail.newBuilder().setCode(error.code()).setMessage(String.valueOf(error.getMessage()))
                .setRetryable(error.retryable()).build();
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
