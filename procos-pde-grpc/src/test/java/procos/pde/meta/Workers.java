package procos.pde.meta;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Context;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.Capability;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * The task executor of a child PDE that sub-tasks run on, with task types that make concurrency
 * and cancellation observable without timing: {@code echo} returns its inputs; {@code gate} waits
 * until {@link #gate} has been passed by every gate task (so they only succeed if all run at
 * once); {@code hang} waits until its call is cancelled and counts that in {@link #cancelled};
 * {@code boom} fails, once every {@code hang} task has started.
 */
final class Workers implements TaskExecutor {

    static final String PDE_ID = "workers-1";

    final CountDownLatch gate;
    final CountDownLatch hangsStarted;
    final CountDownLatch cancelled;

    Workers(int gates, int hangs) {
        this.gate = new CountDownLatch(gates);
        this.hangsStarted = new CountDownLatch(hangs);
        this.cancelled = new CountDownLatch(hangs);
    }

    static PdeDescription description() {
        PdeDescription.Builder description = PdeDescription.newBuilder().setPdeId(PDE_ID);
        for (String type : new String[] {"echo", "gate", "hang", "boom"}) {
            description.addCapabilities(Capability.newBuilder().setTaskType(type));
        }
        return description.build();
    }

    @Override
    public TaskResult execute(TaskRequest request) {
        Struct inputs = request.getSpec().getInputs();
        return switch (request.getSpec().getTaskType()) {
            case "echo" -> succeeded(request, inputs);
            case "gate" -> {
                gate.countDown();
                yield await(gate) ? succeeded(request, inputs) : failed(request, "GATE_NOT_REACHED");
            }
            case "hang" -> {
                CountDownLatch mine = new CountDownLatch(1);
                Context.current().addListener(context -> mine.countDown(), Runnable::run);
                hangsStarted.countDown();
                if (await(mine)) {
                    cancelled.countDown();
                }
                yield failed(request, "NOT_CANCELLED");
            }
            case "boom" -> {
                await(hangsStarted);
                yield failed(request, "BOOM");
            }
            default -> failed(request, "UNKNOWN_TYPE");
        };
    }

    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    private static TaskResult succeeded(TaskRequest request, Struct outputs) {
        return TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId()).setStatus(TaskStatus.SUCCEEDED)
                .setConfidence(1.0).setPdeId(PDE_ID).setOutputs(outputs).build();
    }

    private static TaskResult failed(TaskRequest request, String code) {
        return TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId()).setStatus(TaskStatus.FAILED).setPdeId(PDE_ID)
                .setError(ErrorDetail.newBuilder().setCode(code).setMessage(code.toLowerCase()).setRetryable(false)).build();
    }
}
