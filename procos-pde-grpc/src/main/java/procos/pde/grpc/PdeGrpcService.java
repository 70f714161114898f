package procos.pde.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import procos.logging.LogContext;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.DescribeRequest;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;

/**
 * {@code procos.pde.v1.PdeService} on top of a {@link TaskExecutor}. It only translates: deadlines
 * and cancellation from gRPC to the executor, results and failures back into the contract's error
 * model. What a task does is the executor's business, so the same executor can run behind gRPC, in
 * the engine or in a test.
 *
 * <p>Executors see the call's cancellation and deadline through {@link Context#current()}; gRPC
 * calls they make themselves inherit both automatically.
 */
public final class PdeGrpcService extends PdeServiceGrpc.PdeServiceImplBase {

    private final TaskExecutor executor;
    private final Supplier<PdeDescription> description;
    private final Executor streamWorkers;

    /**
     * @param streamWorkers runs {@code ExecuteStream} tasks; should be bounded, since a rejected
     *     submission is answered as {@code REJECTED/OVERLOADED} rather than queued
     */
    public PdeGrpcService(TaskExecutor executor, Supplier<PdeDescription> description, Executor streamWorkers) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.description = Objects.requireNonNull(description, "description");
        this.streamWorkers = Objects.requireNonNull(streamWorkers, "streamWorkers");
    }

    /**
     * Runs one task on the calling (gRPC) thread and answers with its result.
     *
     * <ul>
     *   <li>If the effective deadline (the earlier of the call deadline and {@code spec.deadline})
     *       has already passed, answers {@code DEADLINE_EXCEEDED} without running the task.
     *   <li>{@link InvalidTaskException} becomes {@code INVALID_ARGUMENT} naming the field, with a
     *       {@code google.rpc.BadRequest} detail.
     *   <li>Any other exception becomes {@code INTERNAL} with a fixed message; the cause is logged,
     *       never sent.
     *   <li>If the caller cancelled or its deadline passed while the task ran, nothing is sent.
     * </ul>
     */
    @Override
    public void execute(TaskRequest request, StreamObserver<TaskResult> responseObserver) {
        long start = System.nanoTime();
        TaskSpec spec = request.getSpec();
        Context context = Context.current();
        try (LogContext.Scope ignored = TaskLogging.open(spec, CorrelationIdInterceptor.current())) {
            TaskLogging.received(spec, "Execute");
            if (TaskDeadlines.expired(context.getDeadline(), spec)) {
                fail(responseObserver, spec, Status.DEADLINE_EXCEEDED
                        .withDescription("the task deadline expired before it started").asRuntimeException(), start, null);
                return;
            }
            TaskResult result;
            try {
                result = executor.execute(request);
            } catch (InvalidTaskException e) {
                fail(responseObserver, spec, InvalidTaskStatus.of(e), start, null);
                return;
            } catch (RuntimeException e) {
                fail(responseObserver, spec, Status.INTERNAL
                        .withDescription("internal error while executing the task").asRuntimeException(), start, e);
                return;
            }
            if (context.isCancelled()) {
                TaskLogging.finished(spec, "Execute", whyCancelled(context), null, start, null);
                return;
            }
            TaskLogging.finished(spec, "Execute", Status.Code.OK, result, start, null); // before the caller can react
            responseObserver.onNext(result);
            responseObserver.onCompleted();
        }
    }

    /**
     * Runs many tasks over one stream on the stream workers, answering each request with exactly
     * one result as soon as it is ready (so possibly out of order; match by {@code task_id}). A task
     * that cannot run is answered in-band ({@code REJECTED} with {@code INVALID_ARGUMENT} or
     * {@code OVERLOADED}, {@code TIMED_OUT}, or {@code FAILED/INTERNAL}); the stream never fails
     * because of one task. After the client half-closes, tasks in flight finish and then the stream
     * completes; if the client cancels, queued tasks are skipped and running ones see the cancelled
     * {@link Context}.
     */
    @Override
    public StreamObserver<TaskRequest> executeStream(StreamObserver<TaskResult> responseObserver) {
        return new TaskStream(executor, streamWorkers,
                (ServerCallStreamObserver<TaskResult>) responseObserver,
                Context.current(), CorrelationIdInterceptor.current());
    }

    /**
     * Answers with the current self-description, restricted to the requested task types and
     * without routing scores unless {@code include_routing_scores} is set.
     */
    @Override
    public void describe(DescribeRequest request, StreamObserver<PdeDescription> responseObserver) {
        PdeDescription full;
        try {
            full = Objects.requireNonNull(description.get(), "description supplier returned null");
        } catch (RuntimeException e) {
            TaskLogging.LOG.error("describe_failed").error(e).log();
            responseObserver.onError(Status.INTERNAL.withDescription("could not describe the PDE").asRuntimeException());
            return;
        }
        responseObserver.onNext(DescriptionFilter.apply(full, request));
        responseObserver.onCompleted();
    }

    private static void fail(StreamObserver<TaskResult> responseObserver, TaskSpec spec,
            StatusRuntimeException status, long start, Throwable cause) {
        Context context = Context.current();
        if (context.isCancelled()) {
            TaskLogging.finished(spec, "Execute", whyCancelled(context), null, start, cause);
            return;
        }
        TaskLogging.finished(spec, "Execute", status.getStatus().getCode(), null, start, cause);
        responseObserver.onError(status);
    }

    /** The server cancels a call's context both for a client cancel and for its expired deadline. */
    private static Status.Code whyCancelled(Context context) {
        return context.getDeadline() != null && context.getDeadline().isExpired()
                ? Status.Code.DEADLINE_EXCEEDED
                : Status.Code.CANCELLED;
    }
}
