package procos.pde.grpc;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallCredentials;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.DescribeRequest;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * Calls a PDE: what the kernel (or a meta PDE) uses to hand it tasks. Wraps one long-lived
 * {@link ManagedChannel}, which it owns and closes; create one client per PDE and share it, since
 * channels multiplex calls and are expensive to set up.
 *
 * <p>Every task call carries a deadline: a remote call without one can hang forever on a dead
 * peer. It also carries the spec's correlation id as the {@code x-correlation-id} header
 * ({@link CorrelationIdInterceptor}), so proxies and the PDE's own interceptor see it without
 * decoding the message. Failures come back as {@link PdeCallException} with the status code and whether a retry
 * may help; what happened to the task itself is in the returned {@link TaskResult}.
 */
public final class PdeGrpcClient implements AutoCloseable {

    public static final Duration DEFAULT_DESCRIBE_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final PdeServiceGrpc.PdeServiceBlockingStub blocking;
    private final PdeServiceGrpc.PdeServiceFutureStub future;
    private final HealthGrpc.HealthBlockingStub health;

    /**
     * @param channel the channel to use; this client owns it from now on
     * @param credentials per-call credentials (e.g. {@link BearerTokenCredentials}), or {@code null}
     */
    public PdeGrpcClient(ManagedChannel channel, CallCredentials credentials) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.blocking = PdeServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.future = PdeServiceGrpc.newFutureStub(channel).withCallCredentials(credentials);
        this.health = HealthGrpc.newBlockingStub(channel);
    }

    /** Opens a channel as {@code options} describe. */
    public static PdeGrpcClient connect(GrpcChannelOptions options) {
        return new PdeGrpcClient(options.openChannel(), options.callCredentials().orElse(null));
    }

    /**
     * Runs a task and waits for its result, for at most {@code deadline}.
     *
     * @throws PdeCallException if the call failed (unreachable, rejected, deadline exceeded, …)
     */
    public TaskResult execute(TaskRequest request, Duration deadline) throws PdeCallException {
        try {
            return withCorrelation(blocking, request).withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(request);
        } catch (StatusRuntimeException e) {
            throw PdeCallException.from(e);
        }
    }

    /**
     * Like {@link #execute} without blocking a thread. The future fails with a
     * {@link PdeCallException}; cancelling it cancels the call (and so the task on the PDE).
     */
    public ListenableFuture<TaskResult> executeAsync(TaskRequest request, Duration deadline) {
        return executeAsync(request, Deadline.after(deadline.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Like {@link #executeAsync(TaskRequest, Duration)}, under a deadline the caller already runs
     * under, passed on as it is so that the PDE stops exactly when the caller gives up.
     */
    public ListenableFuture<TaskResult> executeAsync(TaskRequest request, Deadline deadline) {
        ListenableFuture<TaskResult> call = withCorrelation(future, request).withDeadline(deadline).execute(request);
        return Futures.catchingAsync(call, StatusRuntimeException.class,
                e -> Futures.immediateFailedFuture(PdeCallException.from(e)), MoreExecutors.directExecutor());
    }

    /** The PDE's self-description without routing scores, within {@link #DEFAULT_DESCRIBE_DEADLINE}. */
    public PdeDescription describe() throws PdeCallException {
        return describe(DescribeRequest.getDefaultInstance(), DEFAULT_DESCRIBE_DEADLINE);
    }

    public PdeDescription describe(DescribeRequest request, Duration deadline) throws PdeCallException {
        try {
            return blocking.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).describe(request);
        } catch (StatusRuntimeException e) {
            throw PdeCallException.from(e);
        }
    }

    /**
     * Whether the PDE serves {@code PdeService} now, from the standard health service: cheap, and
     * unlike {@link #describe()} it never makes the PDE ask its own endpoints (which may include
     * the caller).
     */
    public HealthCheckResponse.ServingStatus health(Duration deadline) throws PdeCallException {
        try {
            return health.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(PdeServiceGrpc.SERVICE_NAME).build())
                    .getStatus();
        } catch (StatusRuntimeException e) {
            throw PdeCallException.from(e);
        }
    }

    /**
     * Makes the channel try to connect right away instead of waiting out gRPC's exponential
     * reconnect backoff (up to two minutes). For callers that keep their own, shorter schedule for
     * an unreachable peer: without this, a peer that is back would still be refused with
     * {@code UNAVAILABLE} until the channel's backoff expires.
     */
    public void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    private static <S extends AbstractStub<S>> S withCorrelation(S stub, TaskRequest request) {
        String correlationId = request.getSpec().getCorrelation().getCorrelationId();
        if (correlationId.isEmpty()) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(CorrelationIdInterceptor.HEADER, correlationId);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Lets calls in progress finish for a few seconds, then cancels them and releases the channel. */
    @Override
    public void close() {
        Channels.closeGracefully(channel, CLOSE_GRACE);
    }
}
