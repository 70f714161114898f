package procos.pde.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

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

    public Status.Code code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
