package procos.pde.conformance;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.grpc.BearerTokenInterceptor;
import procos.pde.grpc.CorrelationIdInterceptor;
import procos.pde.v1.CallExample;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescribeRequest;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointHealthRequest;
import procos.pde.v1.EndpointServiceGrpc;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * A Java EndpointService with {@code text.reverse} and {@code demo.sleep}, conforming unless told
 * to commit one of the {@link Breach}es, so that each conformance check can be seen to fail for the
 * breach it is about. It refuses a missing input in-band ({@code INVALID_INPUT}), the other way the
 * contract allows besides the example endpoints' INVALID_ARGUMENT.
 */
final class JavaTextEndpoint extends EndpointServiceGrpc.EndpointServiceImplBase {

    /** Ways to break the contract, one per conformance check. */
    enum Breach {
        NO_CHECKED_AT,
        WRONG_OUTPUTS,
        REFUSES_CORRELATION_HEADER,
        ANSWERS_UNKNOWN_TASK_TYPES,
        ANSWERS_UNKNOWN_OPERATIONS,
        UNNAMED_MISSING_INPUT,
        IGNORES_TOKEN,
        IGNORES_DEADLINE
    }

    /** What demo.sleep's example says it takes; a deadline-ignoring sleep runs twice as long. */
    static final int SLEEP_SECONDS = 2;

    private final Set<Breach> breaches;
    private final AtomicInteger inFlight = new AtomicInteger();

    JavaTextEndpoint(Set<Breach> breaches) {
        this.breaches = breaches.isEmpty() ? EnumSet.noneOf(Breach.class) : EnumSet.copyOf(breaches);
    }

    boolean commits(Breach breach) {
        return breaches.contains(breach);
    }

    @Override
    public void describe(EndpointDescribeRequest request, StreamObserver<EndpointDescription> response) {
        response.onNext(EndpointDescription.newBuilder()
                .setEndpointId("text-java")
                .setVersion("1")
                .addCapabilities(Capability.newBuilder().setTaskType("text.reverse")
                        .addExamples(CallExample.newBuilder()
                                .setInputs(struct("text", Value.newBuilder().setStringValue("abc").build()))
                                .addRequiredInputs("text")
                                .setExpectedOutputs(struct("reversed", Value.newBuilder().setStringValue("cba").build()))))
                .addCapabilities(Capability.newBuilder().setTaskType("demo.sleep")
                        .addExamples(CallExample.newBuilder()
                                .setInputs(struct("seconds", Value.newBuilder().setNumberValue(SLEEP_SECONDS).build()))
                                .setExpectedDuration(Durations.fromSeconds(SLEEP_SECONDS))))
                .build());
        response.onCompleted();
    }

    @Override
    public void health(EndpointHealthRequest request, StreamObserver<EndpointHealth> response) {
        EndpointHealth.Builder health = EndpointHealth.newBuilder().setState(HealthState.HEALTHY).setInFlight(inFlight.get());
        if (!commits(Breach.NO_CHECKED_AT)) {
            health.setCheckedAt(Timestamps.fromMillis(System.currentTimeMillis()));
        }
        response.onNext(health.build());
        response.onCompleted();
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> response) {
        boolean known = request.getTaskType().equals("text.reverse") || request.getTaskType().equals("demo.sleep");
        if (!known && !commits(Breach.ANSWERS_UNKNOWN_TASK_TYPES)) {
            response.onError(Status.UNIMPLEMENTED.withDescription("no task type " + request.getTaskType()).asRuntimeException());
            return;
        }
        if (!request.getOperation().isEmpty() && !commits(Breach.ANSWERS_UNKNOWN_OPERATIONS)) {
            response.onError(Status.UNIMPLEMENTED.withDescription("no operation " + request.getOperation()).asRuntimeException());
            return;
        }
        if (CorrelationIdInterceptor.current() != null && commits(Breach.REFUSES_CORRELATION_HEADER)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("unexpected header").asRuntimeException());
            return;
        }
        inFlight.incrementAndGet();
        try {
            response.onNext(InvokeResponse.newBuilder().setOutputs(work(request)).build());
        } catch (EndpointException e) {
            String message = commits(Breach.UNNAMED_MISSING_INPUT) ? "bad request" : e.getMessage();
            response.onNext(InvokeResponse.newBuilder()
                    .setError(ErrorDetail.newBuilder().setCode(e.code()).setMessage(message).setRetryable(e.retryable()))
                    .build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.asRuntimeException());
            return;
        } finally {
            inFlight.decrementAndGet();
        }
        response.onCompleted();
    }

    private Struct work(InvokeRequest request) throws EndpointException, InterruptedException {
        InvokeInputs inputs = InvokeInputs.of(request.getInputs());
        if (request.getTaskType().equals("demo.sleep")) {
            sleep(inputs.positiveLong("seconds").orElseThrow(() -> InvokeInputs.invalid("input 'seconds' is required")));
            return struct("slept", Value.newBuilder().setBoolValue(true).build());
        }
        if (!request.getTaskType().equals("text.reverse")) {
            return Struct.getDefaultInstance();
        }
        String reversed = new StringBuilder(inputs.requiredString("text")).reverse().toString();
        if (commits(Breach.WRONG_OUTPUTS)) {
            reversed = reversed + "!";
        }
        return struct("reversed", Value.newBuilder().setStringValue(reversed).build());
    }

    /** Ends early when the call's context is cancelled (its deadline passed), unless told to ignore it. */
    private void sleep(long seconds) throws InterruptedException {
        if (commits(Breach.IGNORES_DEADLINE)) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds * 2));
            return;
        }
        CountDownLatch callEnded = new CountDownLatch(1);
        Context.current().addListener(context -> callEnded.countDown(), Runnable::run);
        callEnded.await(seconds, TimeUnit.SECONDS);
    }

    /** Demands {@code token} unless told to ignore it. */
    ServerInterceptor authentication(String token) {
        ServerInterceptor demandsToken = new BearerTokenInterceptor(token);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return commits(Breach.IGNORES_TOKEN)
                        ? next.startCall(call, headers)
                        : demandsToken.interceptCall(call, headers, next);
            }
        };
    }

    private static Struct struct(String name, Value value) {
        return Struct.newBuilder().putFields(name, value).build();
    }
}
