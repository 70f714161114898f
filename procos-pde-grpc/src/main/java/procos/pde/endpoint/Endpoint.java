package procos.pde.endpoint;

import com.google.protobuf.Struct;
import io.grpc.Deadline;
import java.util.Optional;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Something a PDE can route a task to: a model, an HTTP service, a database, a script, another PDE,
 * a remote service in any language. In-process endpoints and remote ones speak the same messages as
 * the {@code EndpointService} gRPC contract, so the pipeline cannot tell them apart.
 */
public interface Endpoint {

    /** Unique id, as referenced from the pool configuration and routing rules. */
    String id();

    /** What it can do: task types and operations, kind, limits. */
    EndpointDescription describe();

    /** A cheap built-in test; the router skips endpoints that are not healthy. */
    EndpointHealth health();

    /**
     * Checks a task's inputs before anything runs, for endpoints whose inputs have a shape that can
     * be judged without doing the work (a meta PDE's sub-task list). The Test block refuses a task
     * that every capable endpoint refuses as {@code INVALID_ARGUMENT} naming the input, instead of
     * letting it fail later as a task failure the caller cannot tell from a broken endpoint. Must be
     * cheap and must not call out. Accepts everything unless overridden.
     */
    default Optional<InputProblem> checkInputs(String taskType, Struct inputs) {
        return Optional.empty();
    }

    /**
     * Does the work. Must return or give up by {@code deadline}.
     *
     * @throws EndpointException when the endpoint could not produce a response (retryable or not)
     */
    InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException;

    /**
     * Whether the pipeline may call {@link #invoke} on the task's own thread. Only for endpoints
     * that do a small, bounded amount of in-memory work and never block (no I/O, no waiting on
     * others): they cannot overrun a deadline, so handing them to the guarded endpoint executor
     * would only add a thread switch to every call. Anything that talks to the outside world
     * keeps the default, {@code false}.
     */
    default boolean runsInline() {
        return false;
    }
}
