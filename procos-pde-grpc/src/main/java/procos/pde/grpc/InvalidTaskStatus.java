package procos.pde.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import procos.pde.pipeline.InvalidTaskException;

/**
 * Turns an {@link InvalidTaskException} into {@code INVALID_ARGUMENT}. The description names the
 * field for humans ({@code "spec.task_id: required"}); the same field is attached as a
 * {@link BadRequest} detail (the standard google.rpc error model) so that programs can read it
 * without parsing text.
 */
final class InvalidTaskStatus {

    private InvalidTaskStatus() {
    }

    static StatusRuntimeException of(InvalidTaskException e) {
        BadRequest badRequest = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(e.field())
                        .setDescription(reason(e)))
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(e.getMessage())
                .addDetails(Any.pack(badRequest))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The reason without the {@code "field: "} prefix the exception's message starts with. */
    static String reason(InvalidTaskException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
