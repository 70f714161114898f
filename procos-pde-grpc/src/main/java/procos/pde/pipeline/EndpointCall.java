package procos.pde.pipeline;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Calls an endpoint so that it can never hold the task past its deadline: the call runs on the
 * endpoint executor and is abandoned (and interrupted) when the deadline passes, however the
 * endpoint behaves. Endpoints that declare {@link Endpoint#runsInline()} are called on the caller's
 * thread instead, as they cannot block.
 */
public final class EndpointCall {

    /** Code of the error raised when the caller cancelled: the task stops, nothing is retried or fallen back to. */
    public static final String CANCELLED = "CANCELLED";

    private final ExecutorService executor;

    public EndpointCall(ExecutorService executor) {
        this.executor = executor;
    }

    public InvokeResponse invoke(Endpoint endpoint, InvokeRequest request, Deadline deadline) throws EndpointException {
        if (deadline.isExpired()) {
            throw new EndpointException("DEADLINE_EXCEEDED", "deadline passed before calling " + endpoint.id(), true);
        }
        if (endpoint.runsInline()) {
            return invokeInline(endpoint, request, deadline);
        }
        Future<InvokeResponse> call;
        try {
            call = executor.submit(() -> endpoint.invoke(request, deadline));
        } catch (RejectedExecutionException e) {
            throw new EndpointException("RESOURCE_EXHAUSTED", "endpoint executor is shut down or full", true, e);
        }
        // A caller that goes away (gRPC cancellation) stops the endpoint call at once.
        Context caller = Context.current();
        Context.CancellationListener onCancel = cancelled -> call.cancel(true);
        caller.addListener(onCancel, Runnable::run);
        try {
            return call.get(deadline.timeRemaining(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            // A context whose deadline passes is cancelled too: that is a timeout, not a caller going away.
            if (caller.cancellationCause() instanceof TimeoutException || deadline.isExpired()) {
                throw new EndpointException("DEADLINE_EXCEEDED", endpoint.id() + " did not answer before the deadline", true);
            }
            throw new EndpointException(CANCELLED, "caller cancelled the task while calling " + endpoint.id(), false);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EndpointException("DEADLINE_EXCEEDED", endpoint.id() + " did not answer before the deadline", true);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new EndpointException(CANCELLED, "task cancelled while calling " + endpoint.id(), false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EndpointException endpointError) {
                throw endpointError;
            }
            throw new EndpointException("INTERNAL", endpoint.id() + " failed: " + e.getCause(), true, e.getCause());
        } finally {
            caller.removeListener(onCancel);
        }
    }

    private static InvokeResponse invokeInline(Endpoint endpoint, InvokeRequest request, Deadline deadline)
            throws EndpointException {
        if (Context.current().isCancelled()) {
            throw new EndpointException(CANCELLED, "caller cancelled the task before calling " + endpoint.id(), false);
        }
        try {
            return endpoint.invoke(request, deadline);
        } catch (RuntimeException e) {
            throw new EndpointException("INTERNAL", endpoint.id() + " failed: " + e, true, e);
        }
    }
}
