package procos.pde.endpoint;

import io.grpc.CallCredentials;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import procos.pde.grpc.Channels;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.RetryableStatus;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.HostPort;
import procos.pde.v1.EndpointDescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointHealthRequest;
import procos.pde.v1.EndpointServiceGrpc;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * An {@link Endpoint} that lives in another process, in any language, behind the
 * {@code procos.pde.v1.EndpointService} contract. To the pipeline it looks like any in-process
 * endpoint; this class turns gRPC failures into the SPI's terms:
 *
 * <ul>
 *   <li>{@link #invoke} fails with {@link EndpointException} whose code is the gRPC status name and
 *       which is retryable for UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and ABORTED.
 *       Work failures the endpoint reports in {@code InvokeResponse.error} are returned as-is.
 *   <li>{@link #health} never throws: an endpoint that cannot be asked is, for routing, UNHEALTHY.
 *   <li>{@link #describe} is fetched once and cached, since the contract says it is stable between
 *       deployments; until a call succeeds it answers a placeholder without capabilities, so
 *       nothing is routed to an endpoint that has never answered.
 * </ul>
 *
 * Owns its channel; {@link #close()} releases it.
 */
public final class RemoteEndpoint implements Endpoint, AutoCloseable {

    /** Deadline for the cheap control calls, {@code Health} and {@code Describe}. */
    public static final Duration DEFAULT_CONTROL_DEADLINE = Duration.ofSeconds(5);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** Settings that configured TLS of {@code pde} endpoints before the {@code tls} mapping existed. */
    private static final List<String> MOVED_TO_TLS = List.of("tls", "trust_cert_chain", "authority");

    private final String id;
    private final ManagedChannel channel;
    private final EndpointServiceGrpc.EndpointServiceBlockingStub stub;
    private final Duration controlDeadline;
    private volatile EndpointDescription description;

    /**
     * @param id the endpoint's id in the pool configuration
     * @param channel channel to the endpoint; owned by this object from now on
     * @param credentials per-call credentials, or {@code null}
     * @param controlDeadline deadline for {@code Health} and {@code Describe}
     */
    public RemoteEndpoint(String id, ManagedChannel channel, CallCredentials credentials, Duration controlDeadline) {
        this.id = Objects.requireNonNull(id, "id");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.stub = EndpointServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.controlDeadline = Objects.requireNonNull(controlDeadline, "controlDeadline");
    }

    /**
     * The {@code kind: remote} endpoint {@code config} declares, reached as {@link #channelOptions}
     * says. The channel connects at the first call, so an endpoint that is not up yet does not stop
     * the boot; until it answers, it describes no capabilities and nothing is routed to it.
     *
     * @throws IllegalArgumentException naming the endpoint, for a missing or malformed address or any setting
     */
    public static RemoteEndpoint fromConfig(EndpointConfig config) {
        return connect(config.id(), channelOptions(config));
    }

    /**
     * How a {@code remote} or {@code pde} endpoint is reached: gRPC to its {@code address}, over TLS
     * if its {@code tls} mapping enables it, sending its {@code token}, if it has one, as a bearer
     * token. These endpoints take no {@code settings}: everything about the connection is in the
     * entry itself.
     *
     * @throws IllegalArgumentException naming the endpoint, for a missing or malformed address or any setting
     */
    public static GrpcChannelOptions channelOptions(EndpointConfig config) {
        for (String moved : MOVED_TO_TLS) {
            if (config.settings().containsKey(moved)) {
                throw new IllegalArgumentException("endpoint '" + config.id() + "': setting '" + moved
                        + "' is not a setting of " + config.kind().yamlName() + " endpoints: TLS is configured in the"
                        + " endpoint's own tls mapping (tls: {enabled: true, trust_cert_chain: ..., authority: ...})");
            }
        }
        EndpointSettings.of(config, Set.of());
        HostPort address = config.hostPort().orElseThrow(() -> new IllegalArgumentException("endpoint '" + config.id()
                + "': address must be host:port, got " + config.address().map(a -> "'" + a + "'").orElse("none")));
        return GrpcChannelOptions.configured(address.toString(), config.tls(), config.token());
    }

    /** Connects to the endpoint as {@code options} describe. */
    public static RemoteEndpoint connect(String id, GrpcChannelOptions options) {
        return new RemoteEndpoint(id, options.openChannel(), options.callCredentials().orElse(null),
                DEFAULT_CONTROL_DEADLINE);
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
            EndpointDescription fetched = stub.withDeadlineAfter(controlDeadline.toNanos(), TimeUnit.NANOSECONDS)
                    .describe(EndpointDescribeRequest.getDefaultInstance());
            description = fetched;
            return fetched;
        } catch (StatusRuntimeException e) {
            return EndpointDescription.newBuilder()
                    .setEndpointId(id)
                    .setDescription("not reachable yet: " + summary(e.getStatus()))
                    .build();
        }
    }

    @Override
    public EndpointHealth health() {
        try {
            return stub.withDeadlineAfter(controlDeadline.toNanos(), TimeUnit.NANOSECONDS)
                    .health(EndpointHealthRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            return HealthReports.of(HealthState.UNHEALTHY, "health check failed: " + summary(e.getStatus()));
        }
    }

    /**
     * Calls {@code Invoke} with {@code deadline} as the gRPC deadline, which the endpoint reads from
     * its call context; {@code null} means none (avoid it: a dead peer then blocks forever).
     */
    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        try {
            return stub.withDeadline(deadline).invoke(request);
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            throw new EndpointException(status.getCode().name(),
                    "endpoint " + id + " failed: " + summary(status),
                    RetryableStatus.isRetryable(status.getCode()), e);
        }
    }

    /** Lets calls in progress finish for a few seconds, then cancels them and releases the channel. */
    @Override
    public void close() {
        Channels.closeGracefully(channel, CLOSE_GRACE);
    }

    private static String summary(Status status) {
        return status.getDescription() == null
                ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
    }
}
