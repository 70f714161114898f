package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.v1.EndpointDescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointHealthRequest;
import procos.pde.v1.EndpointServiceGrpc;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

class RemoteEndpointTest {

    private final String name = InProcessServerBuilder.generateName();
    private final FakeEndpoint fake = new FakeEndpoint();
    private Server server;
    private RemoteEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        server = InProcessServerBuilder.forName(name).addService(fake).build().start();
        endpoint = new RemoteEndpoint("fake-1", InProcessChannelBuilder.forName(name).directExecutor().build(),
                null, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws InterruptedException {
        endpoint.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void invokeReturnsTheEndpointsResponse() throws Exception {
        InvokeResponse response = endpoint.invoke(request("inv-1"), Deadline.after(5, TimeUnit.SECONDS));

        assertThat(response.getSummary()).isEqualTo("done inv-1");
    }

    @Test
    void workFailureReportedInBandIsReturnedNotThrown() throws Exception {
        fake.inBandError.set(ErrorDetail.newBuilder().setCode("CUSTOMER_NOT_FOUND").build());

        InvokeResponse response = endpoint.invoke(request("inv-1"), Deadline.after(5, TimeUnit.SECONDS));

        assertThat(response.getError().getCode()).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource({
        "UNAVAILABLE, true",
        "RESOURCE_EXHAUSTED, true",
        "ABORTED, true",
        "INVALID_ARGUMENT, false",
        "PERMISSION_DENIED, false",
        "INTERNAL, false",
    })
    void failedCallBecomesEndpointExceptionWithTheStatusNameAndRetryability(Status.Code code, boolean retryable) {
        fake.failWith.set(Status.fromCode(code).withDescription("fake says no"));

        EndpointException e = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request("inv-1"), Deadline.after(5, TimeUnit.SECONDS)));

        assertThat(e.code()).isEqualTo(code.name());
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("fake-1").contains("fake says no");
    }

    @Test
    void invokeRunsUnderTheDeadlinePassedInAndTimesOutRetryably() {
        fake.waitForCancel.set(true);

        EndpointException e = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request("inv-slow"), Deadline.after(200, TimeUnit.MILLISECONDS)));

        assertThat(e.code()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(e.retryable()).isTrue();
        assertThat(fake.seenDeadline.get()).as("the endpoint saw the deadline in its context").isNotNull();
        assertThat(fake.seenDeadline.get().timeRemaining(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(200);
    }

    @Test
    void healthIsTheEndpointsAnswerWhileItIsReachable() {
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void healthIsUnhealthyWithTheReasonWhenTheServerIsGone() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

        EndpointHealth health = endpoint.health();

        assertThat(health.getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(health.getMessage()).contains("UNAVAILABLE");
        assertThat(health.hasCheckedAt()).isTrue();
    }

    @Test
    void describeIsFetchedOnceAndThenCached() throws InterruptedException {
        EndpointDescription first = endpoint.describe();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        EndpointDescription second = endpoint.describe();

        assertThat(first.getEndpointId()).isEqualTo("fake-1");
        assertThat(first.getVersion()).isEqualTo("1.2.3");
        assertThat(second).isEqualTo(first);
        assertThat(fake.describeCalls).hasValue(1);
    }

    @Test
    void describeThatFailsGivesAPlaceholderWithoutCapabilitiesAndIsRetriedNextTime() {
        fake.describeFailsWith.set(Status.UNAVAILABLE.withDescription("starting up"));

        EndpointDescription placeholder = endpoint.describe();

        assertThat(placeholder.getEndpointId()).isEqualTo("fake-1");
        assertThat(placeholder.getCapabilitiesList()).isEmpty();
        assertThat(placeholder.getDescription()).contains("starting up");

        fake.describeFailsWith.set(null);
        assertThat(endpoint.describe().getVersion()).isEqualTo("1.2.3");
        assertThat(fake.describeCalls).hasValue(2);
    }

    private static InvokeRequest request(String invocationId) {
        return InvokeRequest.newBuilder().setInvocationId(invocationId).setTaskId("t-1").setTaskType("echo").build();
    }

    /** A real generated EndpointService implementation, as an endpoint in any language would be. */
    private static final class FakeEndpoint extends EndpointServiceGrpc.EndpointServiceImplBase {
        final AtomicReference<Status> failWith = new AtomicReference<>();
        final AtomicReference<ErrorDetail> inBandError = new AtomicReference<>();
        final AtomicReference<Boolean> waitForCancel = new AtomicReference<>(false);
        final AtomicReference<Deadline> seenDeadline = new AtomicReference<>();
        final AtomicReference<Status> describeFailsWith = new AtomicReference<>();
        final AtomicInteger describeCalls = new AtomicInteger();

        @Override
        public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> responseObserver) {
            seenDeadline.set(Context.current().getDeadline());
            if (waitForCancel.get()) {
                CountDownLatch cancelled = new CountDownLatch(1);
                Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
                try {
                    cancelled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (failWith.get() != null) {
                responseObserver.onError(new StatusRuntimeException(failWith.get()));
                return;
            }
            InvokeResponse.Builder response = InvokeResponse.newBuilder().setSummary("done " + request.getInvocationId());
            if (inBandError.get() != null) {
                response.setError(inBandError.get());
            }
            responseObserver.onNext(response.build());
            responseObserver.onCompleted();
        }

        @Override
        public void health(EndpointHealthRequest request, StreamObserver<EndpointHealth> responseObserver) {
            responseObserver.onNext(EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build());
            responseObserver.onCompleted();
        }

        @Override
        public void describe(EndpointDescribeRequest request, StreamObserver<EndpointDescription> responseObserver) {
            describeCalls.incrementAndGet();
            if (describeFailsWith.get() != null) {
                responseObserver.onError(new StatusRuntimeException(describeFailsWith.get()));
                return;
            }
            responseObserver.onNext(EndpointDescription.newBuilder().setEndpointId("fake-1").setVersion("1.2.3").build());
            responseObserver.onCompleted();
        }
    }
}
