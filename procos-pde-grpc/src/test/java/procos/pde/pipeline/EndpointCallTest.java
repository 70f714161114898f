package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.pde.pipeline.Fixtures.ok;
import static procos.pde.pipeline.Fixtures.struct;

import io.grpc.Deadline;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

class EndpointCallTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final EndpointCall call = new EndpointCall(executor);
    private final InvokeRequest request = InvokeRequest.newBuilder().setInvocationId("inv-1").setTaskId("t-1").setTaskType("echo").build();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Deadline in(long amount, TimeUnit unit) {
        return Deadline.after(amount, unit);
    }

    @Test
    void returnsTheEndpointsResponseAndPassesRequestAndDeadline() throws EndpointException {
        InvokeResponse response = ok(struct("answer", 42), 0.7);
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").thenRespond(response);
        Deadline deadline = in(30, TimeUnit.SECONDS);
        assertThat(call.invoke(endpoint, request, deadline)).isEqualTo(response);
        assertThat(endpoint.requests()).containsExactly(request);
        assertThat(endpoint.deadlines()).containsExactly(deadline);
    }

    @Test
    void runsTheEndpointOnTheExecutorNotTheCallersThread() throws EndpointException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").then((req, deadline) -> {
            ranOn.set(Thread.currentThread());
            return InvokeResponse.getDefaultInstance();
        });
        call.invoke(endpoint, request, in(30, TimeUnit.SECONDS));
        assertThat(ranOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
    }

    @Test
    void blockingEndpointIsAbandonedAtTheDeadlineAndInterrupted() throws InterruptedException {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("stuck", "echo").thenBlock();
        Deadline deadline = in(200, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> call.invoke(endpoint, request, deadline))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("DEADLINE_EXCEEDED");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("stuck");
                });
        assertThat(deadline.isExpired()).isTrue();
        assertThat(endpoint.interrupted.await(10, TimeUnit.SECONDS)).as("endpoint thread interrupted").isTrue();
    }

    @Test
    void runtimeExceptionBecomesRetryableInternalError() {
        IllegalStateException bug = new IllegalStateException("null pointer somewhere");
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("buggy", "echo").thenThrow(bug);
        assertThatThrownBy(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS)))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("INTERNAL");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("buggy").contains("null pointer somewhere");
                    assertThat(e.getCause()).isSameAs(bug);
                });
    }

    @Test
    void endpointExceptionPassesThroughUnchanged() {
        EndpointException thrown = new EndpointException("INVALID_INPUT", "bad iban", false);
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").then((req, deadline) -> {
            throw thrown;
        });
        assertThatThrownBy(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS))).isSameAs(thrown);
    }

    @Test
    void retryableEndpointExceptionStaysRetryable() {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").thenFail("UNAVAILABLE", true);
        assertThatThrownBy(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS)))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void alreadyExpiredDeadlineNeverCallsTheEndpoint() {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").thenRespond(InvokeResponse.getDefaultInstance());
        assertThatThrownBy(() -> call.invoke(endpoint, request, in(-1, TimeUnit.MILLISECONDS)))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("DEADLINE_EXCEEDED");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(endpoint.calls()).isZero();
    }

    @Test
    void shutDownExecutorIsARetryableResourceError() {
        executor.shutdown();
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").thenRespond(InvokeResponse.getDefaultInstance());
        assertThatThrownBy(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS)))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(endpoint.calls()).isZero();
    }

    @Test
    void interruptingTheCallerCancelsTheCallAndKeepsTheInterruptFlag() throws InterruptedException {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo").thenBlock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                call.invoke(endpoint, request, in(1, TimeUnit.HOURS));
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                done.countDown();
            }
        });
        caller.start();
        assertThat(endpoint.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.code()).isEqualTo("CANCELLED");
            assertThat(e.retryable()).isFalse();
        });
        assertThat(stillInterrupted).isTrue();
        assertThat(endpoint.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void inlineEndpointRunsOnTheCallersThreadWithoutTheExecutor() throws EndpointException {
        executor.shutdownNow();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("inline", "echo").inline().then((req, deadline) -> {
            ranOn.set(Thread.currentThread());
            return ok(struct("answer", 1), 1.0);
        });

        assertThat(call.invoke(endpoint, request, in(30, TimeUnit.SECONDS)).getOutputs())
                .isEqualTo(struct("answer", 1));
        assertThat(ranOn.get()).as("called on the task's thread, though the executor is shut down")
                .isSameAs(Thread.currentThread());
    }

    @Test
    void inlineEndpointFailureIsReportedLikeAnyOther() {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("inline", "echo").inline()
                .then((req, deadline) -> { throw new IllegalStateException("boom"); });

        assertThatThrownBy(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS)))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo("INTERNAL");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("inline", "boom");
                });
    }

    @Test
    void inlineEndpointIsNotCalledForACancelledCaller() {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("inline", "echo").inline()
                .then((req, deadline) -> ok(struct("answer", 1), 1.0));
        io.grpc.Context.CancellableContext cancelled = io.grpc.Context.current().withCancellation();
        cancelled.cancel(null);

        assertThatThrownBy(() -> cancelled.call(() -> call.invoke(endpoint, request, in(30, TimeUnit.SECONDS))))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.code()).isEqualTo(EndpointCall.CANCELLED));
        assertThat(endpoint.requests()).isEmpty();
    }
}
