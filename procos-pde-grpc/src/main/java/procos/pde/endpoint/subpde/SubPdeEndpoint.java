package procos.pde.endpoint.subpde;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Deadline;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.RemoteEndpoint;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.CacheHints;
import procos.pde.v1.Constraints;
import procos.pde.v1.DescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;

/**
 * Another PDE used as an endpoint ({@code kind: pde}): the task is handed whole to that PDE's
 * {@code PdeService.Execute} over one long-lived channel, with the bearer token if one is
 * configured. The child runs its own pipeline; to this PDE it is one endpoint call.
 *
 * <ul>
 *   <li>The call's gRPC deadline is the task's deadline (shortened by the entry's {@code timeout}),
 *       so the child stops when this PDE gives up; cancelling the call cancels the child's task.
 *   <li>Correlation ids travel in the spec (and as the {@code x-correlation-id} header).
 *   <li>A child result that SUCCEEDED, or ended in a BPMN error, is the response, with the child's
 *       sub-task tree; any other status, and a failed call, is an {@link EndpointException}
 *       retryable as the child's error or the gRPC status says ({@link ChildOutcomes}).
 *   <li>Capabilities are the child's, fetched with {@code Describe} once and kept (the contract
 *       says they are stable between deployments); until then the endpoint advertises none, so
 *       nothing is routed to a PDE that has never answered. Health is the child's standard
 *       health service.
 * </ul>
 */
public final class SubPdeEndpoint implements Endpoint, AutoCloseable {

    /** Deadline of the control calls, {@code Describe} and the health check. */
    public static final Duration CONTROL_DEADLINE = Duration.ofSeconds(5);

    private final String id;
    private final PdeGrpcClient client;
    private final Optional<Duration> timeout;
    private volatile EndpointDescription description;

    /**
     * @param client  the child PDE's client; owned by this endpoint from now on
     * @param timeout longest one call may take, on top of the task's deadline
     */
    public SubPdeEndpoint(String id, PdeGrpcClient client, Optional<Duration> timeout) {
        this.id = Objects.requireNonNull(id, "id");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The endpoint a {@code pde} entry of the PDE manager configuration declares, reached like a
     * {@code remote} one ({@link RemoteEndpoint#channelOptions}: address, token, tls). The channel
     * connects lazily, so a child that is down does not stop the boot.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static SubPdeEndpoint fromConfig(EndpointConfig config) {
        return new SubPdeEndpoint(config.id(), PdeGrpcClient.connect(RemoteEndpoint.channelOptions(config)),
                config.timeout());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public EndpointDescription describe() {
        EndpointDescription cached = description;
        if (cached != null) {
            return cached;
        }
        try {
            PdeDescription child = client.describe(DescribeRequest.getDefaultInstance(), CONTROL_DEADLINE);
            EndpointDescription fetched = EndpointDescription.newBuilder().setEndpointId(id)
                    .addAllCapabilities(child.getCapabilitiesList()).setVersion(child.getVersion())
                    .setDescription("PDE " + child.getPdeId()).build();
            description = fetched;
            return fetched;
        } catch (PdeCallException e) {
            return EndpointDescription.newBuilder().setEndpointId(id)
                    .setDescription("PDE not reachable yet: " + e.getMessage()).build();
        }
    }

    @Override
    public EndpointHealth health() {
        try {
            ServingStatus status = client.health(CONTROL_DEADLINE);
            return status == ServingStatus.SERVING
                    ? HealthReports.healthy()
                    : HealthReports.of(HealthState.UNHEALTHY, "PDE reports " + status);
        } catch (PdeCallException e) {
            return HealthReports.of(HealthState.UNHEALTHY, "health check failed: " + e.getMessage());
        }
    }

    /**
     * Runs the request as a task on the child PDE and waits for its result.
     *
     * @throws EndpointException when the child did not succeed, the call failed, or the waiting
     *                           thread was interrupted (the child's task is then cancelled)
     */
    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        ListenableFuture<TaskResult> call = submit(spec(request), deadline);
        try {
            return ChildOutcomes.response(id, call.get());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw ChildOutcomes.cancelled(id);
        } catch (CancellationException e) {
            throw ChildOutcomes.cancelled(id);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PdeCallException failed) {
                throw ChildOutcomes.callFailed(id, failed);
            }
            throw new EndpointException("INTERNAL", "pde endpoint " + id + " failed: " + e.getCause(), true, e.getCause());
        }
    }

    /**
     * Sends a whole task to the child PDE without waiting: what a meta PDE uses to run sub-tasks
     * side by side. Cancelling the future cancels the call, and with it the child's task. The
     * future fails with {@link PdeCallException} when the call produced no result.
     */
    public ListenableFuture<TaskResult> submit(TaskSpec spec, Deadline deadline) {
        Deadline bounded = timeout.map(t -> deadline.minimum(Deadline.after(t.toNanos(), TimeUnit.NANOSECONDS)))
                .orElse(deadline);
        return client.executeAsync(TaskRequest.newBuilder().setSpec(spec).build(), bounded);
    }

    /** Releases the channel, giving calls in progress a few seconds. */
    @Override
    public void close() {
        client.close();
    }

    /** The task as the child sees it: this call's task, with its ids, limits and idempotency key. */
    private static TaskSpec spec(InvokeRequest request) {
        return TaskSpec.newBuilder()
                .setTaskId(request.getTaskId())
                .setTaskType(request.getTaskType())
                .setInputs(request.getInputs())
                .setMode(request.getMode())
                .setCorrelation(request.getCorrelation())
                .addAllAllowedTools(request.getAllowedToolsList())
                .setConstraints(Constraints.newBuilder().setMaxOutputBytes(request.getMaxOutputBytes()))
                .setCache(CacheHints.newBuilder().setIdempotencyKey(request.getIdempotencyKey()))
                .build();
    }
}
