package procos.pde.conformance;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.RemoteEndpoint;
import procos.pde.v1.EndpointDescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointHealthRequest;
import procos.pde.v1.EndpointServiceGrpc;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * The conformance check's end of the wire: every call with a deadline, with or without the bearer
 * token, answered as a {@link Reply}. Does not own the channel.
 */
final class EndpointProbe {

    private final EndpointServiceGrpc.EndpointServiceBlockingStub stub;
    private final EndpointServiceGrpc.EndpointServiceBlockingStub anonymousStub;
    private final EndpointServiceGrpc.EndpointServiceFutureStub futureStub;
    private final boolean sendsToken;

    /** @param credentials the bearer token to send, or {@code null} for an endpoint without authentication */
    EndpointProbe(Channel channel, CallCredentials credentials) {
        this.anonymousStub = EndpointServiceGrpc.newBlockingStub(channel);
        this.stub = anonymousStub.withCallCredentials(credentials);
        this.futureStub = EndpointServiceGrpc.newFutureStub(channel).withCallCredentials(credentials);
        this.sendsToken = credentials != null;
    }

    boolean sendsToken() {
        return sendsToken;
    }

    Reply<EndpointHealth> health() {
        return Reply.of(() -> withControlDeadline(stub).health(EndpointHealthRequest.getDefaultInstance()));
    }

    Reply<EndpointDescription> describe() {
        return Reply.of(() -> withControlDeadline(stub).describe(EndpointDescribeRequest.getDefaultInstance()));
    }

    Reply<InvokeResponse> invoke(InvokeRequest request, Duration deadline) {
        return Reply.of(() -> withDeadline(stub, deadline).invoke(request));
    }

    /** Invoke with extra request headers, e.g. {@code x-correlation-id}. */
    Reply<InvokeResponse> invoke(InvokeRequest request, Duration deadline, Metadata headers) {
        return Reply.of(() -> withDeadline(stub, deadline)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .invoke(request));
    }

    /** Invoke without the bearer token, to see whether the endpoint insists on it. */
    Reply<InvokeResponse> invokeWithoutToken(InvokeRequest request, Duration deadline) {
        return Reply.of(() -> withDeadline(anonymousStub, deadline).invoke(request));
    }

    /** Starts an Invoke and returns at once, so the endpoint can be watched while the call runs. */
    ListenableFuture<InvokeResponse> startInvoke(InvokeRequest request, Duration deadline) {
        return futureStub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).invoke(request);
    }

    private static EndpointServiceGrpc.EndpointServiceBlockingStub withControlDeadline(
            EndpointServiceGrpc.EndpointServiceBlockingStub stub) {
        return withDeadline(stub, RemoteEndpoint.DEFAULT_CONTROL_DEADLINE);
    }

    private static EndpointServiceGrpc.EndpointServiceBlockingStub withDeadline(
            EndpointServiceGrpc.EndpointServiceBlockingStub stub, Duration deadline) {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }
}
