package procos.pde.conformance;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/**
 * What one call to the endpoint came back with: a message on OK, otherwise only the status. Checks
 * judge statuses as answers, so a failed call is a value here, not an exception.
 *
 * @param status the call's gRPC status
 * @param message the response; {@code null} unless the status is OK
 */
record Reply<T>(Status status, T message) {

    static <T> Reply<T> of(Supplier<T> call) {
        try {
            return new Reply<>(Status.OK, call.get());
        } catch (StatusRuntimeException e) {
            return new Reply<>(e.getStatus(), null);
        }
    }

    static <T> Reply<T> failed(Throwable failure) {
        return new Reply<>(Status.fromThrowable(failure), null);
    }

    boolean ok() {
        return status.isOk();
    }

    Status.Code code() {
        return status.getCode();
    }

    /** The status as a reader wants it in a reason: {@code INVALID_ARGUMENT ("input 'text' is required")}. */
    String describeStatus() {
        return status.getDescription() == null
                ? status.getCode().name()
                : status.getCode() + " (\"" + status.getDescription() + "\")";
    }
}
