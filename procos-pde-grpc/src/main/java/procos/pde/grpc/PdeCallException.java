package procos.pde.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * A call to a PDE produced no result. Carries the gRPC code and whether retrying may help, so
 * callers decide on retries without knowing gRPC's status semantics. Checked, because a remote call
 * failing is an expected outcome every caller must handle.
 */
public final class PdeCallException extends Exception {

    private final Status.Code code;
    private final boolean retryable;

    public PdeCallException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = RetryableStatus.isRetryable(code);
    }

    static PdeCallException from(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription();
        return new PdeCallException(status.getCode(),
                "PDE call failed: " + status.getCode() + (description == null ? "" : ": " + description), e);
    }

    /**
     * The result that stands for the task when the call produced none: {@code TIMED_OUT} for a
     * passed deadline, {@code FAILED} otherwise, with the status code as error code and retryable
     * as the code says.
     */
    public TaskResult asResult(String taskId, long elapsedMs) {
        return TaskResult.newBuilder()
                .setTaskId(taskId)
                .setStatus(code == Status.Code.DEADLINE_EXCEEDED ? TaskStatus.TIMED_OUT : TaskStatus.FAILED)
                .setError(ErrorDetail.newBuilder().setCode(code.name()).setMessage(String.valueOf(getMessage()))
                        .setRetryable(retryable))
                .setElapsedMs(elapsedMs)
                .build();
    }

    public Status.Code code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
