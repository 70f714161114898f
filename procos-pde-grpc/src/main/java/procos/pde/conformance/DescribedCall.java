package procos.pde.conformance;

import com.google.protobuf.util.Durations;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import procos.pde.v1.CallExample;
import procos.pde.v1.Correlation;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.Mode;

/**
 * One call example an endpoint publishes, with the task type it belongs to: everything needed to
 * call the endpoint without knowing it.
 */
record DescribedCall(String taskType, CallExample example) {

    /** Examples expected to last at least this long are used to test deadlines, not to be waited for. */
    static final Duration SLOW = Duration.ofSeconds(2);

    /** Every example of every capability, in the order the endpoint lists them. */
    static List<DescribedCall> allOf(EndpointDescription description) {
        return description.getCapabilitiesList().stream()
                .flatMap(capability -> capability.getExamplesList().stream()
                        .map(example -> new DescribedCall(capability.getTaskType(), example)))
                .toList();
    }

    Duration expectedDuration() {
        return example.hasExpectedDuration()
                ? Duration.ofNanos(Durations.toNanos(example.getExpectedDuration()))
                : Duration.ZERO;
    }

    boolean slow() {
        return expectedDuration().compareTo(SLOW) >= 0;
    }

    /** {@code task_type} or {@code task_type/operation}, as reasons name the call. */
    String label() {
        return example.getOperation().isEmpty() ? taskType : taskType + "/" + example.getOperation();
    }

    /** The example as an InvokeRequest, with fresh ids so that no call looks like a retry of another. */
    InvokeRequest request() {
        String taskId = "conformance-" + UUID.randomUUID();
        return InvokeRequest.newBuilder()
                .setInvocationId(taskId + "/0/1")
                .setTaskId(taskId)
                .setTaskType(taskType)
                .setOperation(example.getOperation())
                .setInputs(example.getInputs())
                .setMode(Mode.DETERMINISTIC)
                .setCorrelation(Correlation.newBuilder().setCorrelationId(taskId))
                .build();
    }
}
