package procos.pde.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.grpc.Context;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.Correlation;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/** Small builders for the messages the tests send and expect. */
final class Tasks {

    private Tasks() {
    }

    static TaskRequest request(String taskId) {
        return TaskRequest.newBuilder()
                .setSpec(TaskSpec.newBuilder().setTaskId(taskId).setTaskType("echo"))
                .build();
    }

    static TaskRequest request(String taskId, Correlation correlation) {
        return TaskRequest.newBuilder()
                .setSpec(TaskSpec.newBuilder().setTaskId(taskId).setTaskType("echo").setCorrelation(correlation))
                .build();
    }

    static TaskRequest withDeadline(TaskRequest request, Instant deadline) {
        return request.toBuilder()
                .setSpec(request.getSpec().toBuilder().setDeadline(Timestamp.newBuilder()
                        .setSeconds(deadline.getEpochSecond()).setNanos(deadline.getNano())))
                .build();
    }

    static TaskRequest withInput(TaskRequest request, String key, String value) {
        return request.toBuilder()
                .setSpec(request.getSpec().toBuilder().setInputs(Struct.newBuilder()
                        .putFields(key, Value.newBuilder().setStringValue(value).build())))
                .build();
    }

    static TaskResult succeeded(TaskRequest request) {
        return TaskResult.newBuilder()
                .setTaskId(request.getSpec().getTaskId())
                .setStatus(TaskStatus.SUCCEEDED)
                .setConfidence(1.0)
                .setOutputs(Struct.newBuilder()
                        .putFields("echo", Value.newBuilder().setStringValue(request.getSpec().getTaskId()).build()))
                .build();
    }

    /** Waits up to ten seconds for {@code latch}; for executors, which may not throw InterruptedException. */
    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Blocks the calling executor until the gRPC call it runs in is cancelled (or ten seconds pass),
     * and tells whether the cancellation arrived: the way a well-behaved slow task notices that its
     * caller is gone.
     */
    static boolean awaitCancellation() {
        CountDownLatch cancelled = new CountDownLatch(1);
        Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
        return await(cancelled);
    }
}
