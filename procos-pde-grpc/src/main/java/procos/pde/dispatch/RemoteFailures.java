package procos.pde.dispatch;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import procos.pde.grpc.PdeCallException;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * What a failed call to a PDE node means for the task, in the terms the dispatcher already knows:
 * a node that refuses the request as malformed ({@code INVALID_ARGUMENT}) makes it an
 * {@link InvalidTaskException}, exactly as the local pipeline would; any other failure becomes a
 * {@code FAILED} (or, for a passed deadline, {@code TIMED_OUT}) result, so the dispatcher reports a
 * failure with retries and the engine keeps the task.
 */
final class RemoteFailures {

    /** Field named when the node gave no {@code google.rpc.BadRequest} detail. */
    static final String UNKNOWN_FIELD = "spec";

    private RemoteFailures() {
    }

    /** The field and reason from the node's {@code BadRequest} detail, else {@value #UNKNOWN_FIELD} and the status text. */
    static InvalidTaskException invalidTask(PdeCallException e) {
        com.google.rpc.Status status = e.getCause() == null ? null : StatusProto.fromThrowable(e.getCause());
        if (status != null) {
            for (Any detail : status.getDetailsList()) {
                if (detail.is(BadRequest.class)) {
                    try {
                        BadRequest badRequest = detail.unpack(BadRequest.class);
                        if (badRequest.getFieldViolationsCount() > 0) {
                            BadRequest.FieldViolation violation = badRequest.getFieldViolations(0);
                            return new InvalidTaskException(violation.getField(), violation.getDescription());
                        }
                    } catch (InvalidProtocolBufferException ignored) {
                        // a malformed detail is no detail: fall through to the status text
                    }
                }
            }
        }
        String description = e.getCause() == null ? null : Status.fromThrowable(e.getCause()).getDescription();
        return new InvalidTaskException(UNKNOWN_FIELD,
                description == null || description.isBlank() ? "refused by the PDE node as invalid" : description);
    }

    /**
     * A result for a call that produced none. Retryable as the status code says, except that a call
     * cancelled on this side ({@code CANCELLED}: the dispatcher is stopping) says nothing about the
     * task, so it is retryable too rather than ending in an incident.
     */
    static TaskResult asResult(TaskRequest request, PdeCallException e, long elapsedMs) {
        TaskResult result = e.asResult(request.getSpec().getTaskId(), elapsedMs);
        if (e.code() != Status.Code.CANCELLED) {
            return result;
        }
        return result.toBuilder().setError(result.getError().toBuilder().setRetryable(true)).build();
    }
}
