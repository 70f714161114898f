package procos.pde.pipeline;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskSpec;

/** Builders shared by the pipeline and routing tests. */
public final class Fixtures {

    static final String PDE_ID = "pde-test";

    private Fixtures() {
    }

    /** A Struct from key/value pairs; values may be String, Number, Boolean, Struct, List or null. */
    public static Struct struct(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Struct.Builder struct = Struct.newBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            struct.putFields((String) keyValues[i], value(keyValues[i + 1]));
        }
        return struct.build();
    }

    static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof String text) {
            return Value.newBuilder().setStringValue(text).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        }
        if (value instanceof Boolean flag) {
            return Value.newBuilder().setBoolValue(flag).build();
        }
        if (value instanceof Struct struct) {
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(value(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        throw new IllegalArgumentException("unsupported value " + value);
    }

    public static TaskSpec.Builder spec(String taskId, String taskType) {
        return TaskSpec.newBuilder().setTaskId(taskId).setTaskType(taskType);
    }

    public static TaskRequest request(TaskSpec.Builder spec) {
        return TaskRequest.newBuilder().setSpec(spec).build();
    }

    static com.google.protobuf.Duration protoDuration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The context the Start block makes of {@code spec}, with a 30 s default timeout and no caller deadline. */
    static TaskContext context(TaskSpec.Builder spec) {
        return context(spec, Duration.ofSeconds(30));
    }

    static TaskContext context(TaskSpec.Builder spec, Duration defaultTimeout) {
        try {
            return new StartBlock(PDE_ID, defaultTimeout).start(request(spec), null);
        } catch (InvalidTaskException e) {
            throw new AssertionError("fixture spec is invalid: " + e.getMessage(), e);
        }
    }

    /** A context whose deadline is exactly {@code deadline}, bypassing the Start block. */
    static TaskContext context(TaskSpec.Builder spec, Deadline deadline) {
        TaskSpec built = spec.build();
        Mode mode = built.getMode() == Mode.MODE_UNSPECIFIED ? Mode.DETERMINISTIC : built.getMode();
        return new TaskContext(built, mode, deadline, System.nanoTime(), PDE_ID);
    }

    public static InvokeResponse ok(Struct outputs) {
        return InvokeResponse.newBuilder().setOutputs(outputs).build();
    }

    public static InvokeResponse ok(Struct outputs, double confidence) {
        return InvokeResponse.newBuilder().setOutputs(outputs).setConfidence(confidence).build();
    }

    static InvokeResponse error(String code, boolean retryable) {
        return InvokeResponse.newBuilder()
                .setError(ErrorDetail.newBuilder().setCode(code).setMessage("endpoint says " + code).setRetryable(retryable))
                .build();
    }

    /**
     * Waits (busy, on the monotonic clock) until {@code duration} has passed. Used only where the
     * behaviour under test is the passing of time itself (TTLs, reading ages), never to wait for
     * another thread.
     */
    static void letTimePass(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until <= 0) {
            Thread.onSpinWait();
        }
    }
}
