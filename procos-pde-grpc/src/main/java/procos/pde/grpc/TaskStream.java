package procos.pde.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import procos.logging.LogContext;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;

/**
 * One {@code ExecuteStream} call: each incoming request runs on the workers and its result is sent
 * as soon as it is ready, so results may come back out of order (callers match them by task id).
 *
 * <ul>
 *   <li>A task that cannot run is answered in-band ({@code REJECTED}, {@code TIMED_OUT} or
 *       {@code FAILED} with an {@code ErrorDetail}); the stream itself never fails for one task.
 *   <li>When the client half-closes, the stream completes once the tasks in flight have sent their
 *       results.
 *   <li>When the client cancels, tasks not yet started are skipped, running ones see the
 *       cancellation through the call's {@link Context} (they run inside it), and nothing more is
 *       sent.
 * </ul>
 *
 * <p>Flow control is kept simple: responses are written one at a time under a lock (gRPC observers
 * are not thread-safe) and the bounded worker pool limits how much work a stream can pile up.
 */
final class TaskStream implements StreamObserver<TaskRequest> {

    private static final String RPC = "ExecuteStream";

    private final TaskExecutor executor;
    private final Executor workers;
    private final ServerCallStreamObserver<TaskResult> responses;
    private final Context callContext;
    private final String headerCorrelationId;

    private final Object lock = new Object();
    private int inFlight;          // guarded by lock
    private boolean halfClosed;    // guarded by lock
    private boolean finished;      // guarded by lock: completed, failed or cancelled

    TaskStream(TaskExecutor executor, Executor workers, ServerCallStreamObserver<TaskResult> responses,
            Context callContext, String headerCorrelationId) {
        this.executor = executor;
        this.workers = workers;
        this.responses = responses;
        this.callContext = callContext;
        this.headerCorrelationId = headerCorrelationId;
        responses.setOnCancelHandler(this::cancelled);
    }

    @Override
    public void onNext(TaskRequest request) {
        synchronized (lock) {
            if (stopped()) {
                return;
            }
            inFlight++;
        }
        try {
            workers.execute(callContext.wrap(() -> run(request)));
        } catch (RejectedExecutionException e) {
            TaskSpec spec = request.getSpec();
            try (LogContext.Scope ignored = TaskLogging.open(spec, headerCorrelationId)) {
                TaskLogging.LOG.warn("task_rejected_overloaded").with("task_id", spec.getTaskId()).log();
            }
            send(TaskResults.overloaded(spec.getTaskId()));
            taskDone();
        }
    }

    /** The client half-closed: finish what is in flight, then complete. */
    @Override
    public void onCompleted() {
        synchronized (lock) {
            halfClosed = true;
            completeIfDone();
        }
    }

    /** gRPC reports a client cancel here as well as through the cancel handler. */
    @Override
    public void onError(Throwable t) {
        cancelled();
    }

    private void cancelled() {
        synchronized (lock) {
            finished = true;
        }
    }

    private void run(TaskRequest request) {
        try {
            if (isStopped()) {
                return; // cancelled while queued: do not start
            }
            long start = System.nanoTime();
            TaskSpec spec = request.getSpec();
            try (LogContext.Scope ignored = TaskLogging.open(spec, headerCorrelationId)) {
                TaskLogging.received(spec, RPC);
                Outcome outcome = outcomeOf(request);
                boolean sent = send(outcome.result());
                TaskLogging.finished(spec, RPC, sent ? Status.Code.OK : Status.Code.CANCELLED,
                        outcome.result(), start, outcome.unexpected());
            }
        } finally {
            taskDone();
        }
    }

    /** Everything that can happen to one task becomes a result here; nothing escapes to the stream. */
    private Outcome outcomeOf(TaskRequest request) {
        String taskId = request.getSpec().getTaskId();
        if (TaskDeadlines.expired(null, request.getSpec())) {
            return new Outcome(TaskResults.deadlineExpired(taskId), null);
        }
        try {
            return new Outcome(TaskResults.withTaskId(executor.execute(request), taskId), null);
        } catch (InvalidTaskException e) {
            return new Outcome(TaskResults.invalid(taskId, e), null);
        } catch (RuntimeException e) {
            return new Outcome(TaskResults.internalError(taskId), e);
        }
    }

    /** @return whether the result went out; not once the stream is cancelled or finished */
    private boolean send(TaskResult result) {
        synchronized (lock) {
            if (stopped()) {
                return false;
            }
            responses.onNext(result);
            return true;
        }
    }

    private void taskDone() {
        synchronized (lock) {
            inFlight--;
            completeIfDone();
        }
    }

    private void completeIfDone() {
        if (halfClosed && inFlight == 0 && !stopped()) {
            finished = true;
            responses.onCompleted();
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped();
        }
    }

    /**
     * Whether nothing more may be started or sent. Checks the call's context as well as the flag,
     * because gRPC cancels the context (on a transport thread) before it runs the cancel handler.
     */
    private boolean stopped() {
        return finished || callContext.isCancelled() || responses.isCancelled();
    }

    /** A task's result, and the unexpected failure behind it if any (logged, never sent). */
    private record Outcome(TaskResult result, Throwable unexpected) {
    }
}
