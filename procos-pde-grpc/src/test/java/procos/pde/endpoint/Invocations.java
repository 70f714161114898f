package procos.pde.endpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.Correlation;
import procos.pde.v1.InvokeRequest;

/** Builds invoke requests with inputs written as JSON, which reads far better in tests than Struct builders. */
public final class Invocations {

    private Invocations() {
    }

    public static InvokeRequest request(String taskType, String inputsJson) {
        return InvokeRequest.newBuilder()
                .setInvocationId("task-1/0/1")
                .setTaskId("task-1")
                .setTaskType(taskType)
                .setInputs(struct(inputsJson))
                .setCorrelation(Correlation.newBuilder().setCorrelationId("corr-1").setProcessInstanceId("pi-1"))
                .build();
    }

    public static Struct struct(String json) {
        Struct.Builder struct = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, struct);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
        return struct.build();
    }

    /** A deadline far enough away never to matter in a test. */
    public static Deadline relaxed() {
        return Deadline.after(30, TimeUnit.SECONDS);
    }
}
