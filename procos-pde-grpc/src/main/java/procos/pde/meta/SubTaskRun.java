package procos.pde.meta;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.subpde.SubPdeEndpoint;
import procos.pde.grpc.PdeCallException;
import procos.pde.v1.CacheHints;
import procos.pde.v1.Correlation;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.FailurePolicy;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * Runs one meta task's sub-tasks on other PDEs: every sub-task whose dependencies have succeeded is
 * started at once, up to {@code max_parallel} at a time, each as an asynchronous gRPC call under the
 * meta task's deadline, so no thread waits per sub-task. The calling thread only waits for the next
 * one to finish, then starts what became ready.
 *
 * <p>A sub-task's PDE sees the meta task's correlation ids with {@code parent_task_id} set, its
 * task id is the sub-task's id, and a sub-task with dependencies gets their outputs as the input
 * {@value #UPSTREAM} (by id). Under {@code fail_fast} the first sub-task that does not succeed
 * cancels the running ones (their gRPC calls, so their PDEs stop) and nothing more starts; under
 * {@code best_effort} only the sub-tasks depending on a failed one are skipped. At the deadline,
 * the running ones are cancelled.
 *
 * <p>One instance runs one meta task, on one thread; the callbacks of the calls only hand results
 * over through a queue.
 */
final class SubTaskRun {

    /** Input through which a sub-task receives the outputs of the sub-tasks it depends on. */
    static final String UPSTREAM = "upstream";

    private final InvokeRequest parent;
    private final List<SubTask> plan;
    private final MetaOptions options;
    private final SubPdes pdes;
    private final Deadline deadline;
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, TaskResult> results = new LinkedHashMap<>();
    private final Map<String, Struct> outputs = new LinkedHashMap<>();
    private TaskResult firstFailure;
    private boolean timedOut;

    SubTaskRun(InvokeRequest parent, SubTaskPlan plan, MetaOptions options, SubPdes pdes, Deadline deadline) {
        this.parent = parent;
        this.plan = plan.subTasks();
        this.options = options;
        this.pdes = pdes;
        this.deadline = deadline;
    }

    /**
     * Runs the sub-tasks to the end, the first failure (fail_fast) or the deadline.
     *
     * @throws InterruptedException when the meta task is cancelled; the running sub-tasks are
     *                              cancelled before it is thrown
     */
    SubTaskOutcome run() throws InterruptedException {
        try {
            startReady();
            while (!running.isEmpty() && !stopped()) {
                Finished next = finished.poll(deadline.timeRemaining(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
                if (next == null) {
                    timedOut = true;
                    cancelRunning("DEADLINE_EXCEEDED", "the meta task's deadline passed", TaskStatus.TIMED_OUT, true);
                    break;
                }
                if (running.remove(next.subTask().id()) != null) {
                    record(next.subTask(), next.result());
                }
                startReady();
            }
        } catch (InterruptedException e) {
            cancelRunning("CANCELLED", "the meta task was cancelled", TaskStatus.FAILED, false);
            throw e;
        }
        return new SubTaskOutcome(tree(), outputs, firstFailure, timedOut);
    }

    private boolean stopped() {
        return firstFailure != null && options.failurePolicy() == FailurePolicy.FAIL_FAST;
    }

    private void record(SubTask subTask, TaskResult result) {
        results.put(subTask.id(), result);
        if (result.getStatus() == TaskStatus.SUCCEEDED) {
            outputs.put(subTask.id(), result.getOutputs());
            return;
        }
        if (firstFailure == null) {
            firstFailure = result;
        }
        if (stopped()) {
            cancelRunning("CANCELLED", "cancelled because sub-task '" + subTask.id() + "' did not succeed",
                    TaskStatus.FAILED, false);
        }
    }

    /** Starts, in list order, every sub-task that may start now; skips those whose dependencies failed. */
    private void startReady() {
        boolean changed = true;
        while (changed && !stopped()) {
            changed = false;
            for (SubTask subTask : plan) {
                if (results.containsKey(subTask.id()) || running.containsKey(subTask.id())) {
                    continue;
                }
                Optional<String> failedDependency = subTask.dependsOn().stream()
                        .filter(id -> results.containsKey(id) && results.get(id).getStatus() != TaskStatus.SUCCEEDED)
                        .findFirst();
                if (failedDependency.isPresent()) {
                    results.put(subTask.id(), notStarted(subTask, "depends on '" + failedDependency.get() + "', which did not succeed"));
                    changed = true;
                } else if (running.size() < options.maxParallel() && subTask.dependsOn().stream().allMatch(outputs::containsKey)) {
                    start(subTask);
                    changed = true;
                    if (stopped()) {
                        return;
                    }
                }
            }
        }
    }

    private void start(SubTask subTask) {
        long started = System.nanoTime();
        Optional<SubPdeEndpoint> pde = pdes.forType(subTask.type());
        if (pde.isEmpty()) {
            record(subTask, failure(subTask, TaskStatus.REJECTED, "NO_CAPABLE_PDE", "none of the meta pool's PDEs "
                    + pdes.ids() + " advertises task type '" + subTask.type() + "'", false));
            return;
        }
        ListenableFuture<TaskResult> call = pde.get().submit(spec(subTask), deadline);
        running.put(subTask.id(), new Running(pde.get().id(), started, call));
        call.addListener(() -> finished.add(new Finished(subTask, outcome(subTask, call, pde.get().id(), started))),
                MoreExecutors.directExecutor());
    }

    private TaskSpec spec(SubTask subTask) {
        Struct.Builder inputs = subTask.inputs().toBuilder();
        if (!subTask.dependsOn().isEmpty()) {
            Struct.Builder upstream = Struct.newBuilder();
            subTask.dependsOn().forEach(id -> upstream.putFields(id, Value.newBuilder().setStructValue(outputs.get(id)).build()));
            inputs.putFields(UPSTREAM, Value.newBuilder().setStructValue(upstream).build());
        }
        Correlation correlation = parent.getCorrelation().toBuilder().setParentTaskId(parent.getTaskId()).build();
        String parentKey = parent.getIdempotencyKey();
        return TaskSpec.newBuilder()
                .setTaskId(subTask.id())
                .setTaskType(subTask.type())
                .setInputs(inputs)
                .setCorrelation(correlation)
                // A repeated meta task must not repeat its sub-tasks' side effects either.
                .setCache(CacheHints.newBuilder().setIdempotencyKey(parentKey.isEmpty() ? "" : parentKey + ":" + subTask.id()))
                .build();
    }

    /** The finished call as this sub-task's entry in the tree. */
    private static TaskResult outcome(SubTask subTask, ListenableFuture<TaskResult> call, String endpointId, long started) {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        TaskResult result;
        try {
            result = call.get();
        } catch (ExecutionException e) {
            result = e.getCause() instanceof PdeCallException failed
                    ? failed.asResult(subTask.id(), elapsedMs)
                    : failure(subTask, TaskStatus.FAILED, "INTERNAL", String.valueOf(e.getCause()), true);
        } catch (CancellationException | InterruptedException e) {
            result = failure(subTask, TaskStatus.FAILED, "CANCELLED", "the call was cancelled", false);
        }
        return result.toBuilder().setTaskId(subTask.id()).setTaskType(subTask.type()).setEndpointId(endpointId)
                .setElapsedMs(elapsedMs).build();
    }

    private void cancelRunning(String code, String message, TaskStatus status, boolean retryable) {
        for (Map.Entry<String, Running> entry : running.entrySet()) {
            Running call = entry.getValue();
            call.future().cancel(true);
            SubTask subTask = plan.stream().filter(s -> s.id().equals(entry.getKey())).findFirst().orElseThrow();
            results.put(subTask.id(), failure(subTask, status, code, message, retryable).toBuilder()
                    .setEndpointId(call.endpointId())
                    .setElapsedMs(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.startedNanos())).build());
        }
        running.clear();
    }

    /** The tree in list order; sub-tasks that never ran are REJECTED with NOT_STARTED, as the contract has it. */
    private List<TaskResult> tree() {
        List<TaskResult> tree = new ArrayList<>(plan.size());
        for (SubTask subTask : plan) {
            TaskResult result = results.get(subTask.id());
            tree.add((result != null ? result : notStarted(subTask, "not started: the meta task stopped first"))
                    .toBuilder().clearOutputs().build());
        }
        return tree;
    }

    private static TaskResult notStarted(SubTask subTask, String message) {
        return failure(subTask, TaskStatus.REJECTED, "NOT_STARTED", message, false);
    }

    private static TaskResult failure(SubTask subTask, TaskStatus status, String code, String message, boolean retryable) {
        return TaskResult.newBuilder().setTaskId(subTask.id()).setTaskType(subTask.type()).setStatus(status)
                .setError(ErrorDetail.newBuilder().setCode(code).setMessage(message).setRetryable(retryable)).build();
    }

    private record Running(String endpointId, long startedNanos, ListenableFuture<TaskResult> future) {
    }

    private record Finished(SubTask subTask, TaskResult result) {
    }
}
