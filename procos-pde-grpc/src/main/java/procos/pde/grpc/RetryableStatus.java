package procos.pde.grpc;

import io.grpc.Status;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which gRPC status codes are worth trying again: the call failed for a reason that may be gone
 * later (server down, overloaded, too slow, a conflict). Every other code will recur with the same
 * request. One definition for the PDE client and for remote endpoints, as the contract demands.
 */
public final class RetryableStatus {

    private static final Set<Status.Code> RETRYABLE = EnumSet.of(
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.ABORTED);

    private RetryableStatus() {
    }

    public static boolean isRetryable(Status.Code code) {
        return RETRYABLE.contains(code);
    }
}
