package procos.pde.pipeline;

import io.grpc.Deadline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;

/**
 * An endpoint driven by a script: each call takes the next queued step (respond, fail with an
 * {@link EndpointException}, throw a runtime exception, or block until interrupted); when the script
 * is used up it repeats the {@code otherwise} step, or fails loudly if there is none. It records every
 * request it received and counts its invoke and health calls. Health and capabilities are configurable.
 * Public so the routing tests drive the same endpoints through the pipeline.
 */
public final class ScriptedEndpoint implements Endpoint {

    @FunctionalInterface
    public interface Step {
        InvokeResponse run(InvokeRequest request, Deadline deadline) throws EndpointException;
    }

    private final String id;
    private final EndpointDescription description;
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<InvokeRequest> requests = new ArrayList<>();
    private final List<Deadline> deadlines = new ArrayList<>();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private volatile EndpointHealth health = EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
    private volatile RuntimeException healthFailure;
    private volatile boolean healthHangs;
    private Step otherwise;
    private boolean inline;

    /** Counted down when a blocking step starts, i.e. the endpoint is now busy. */
    final CountDownLatch blocked = new CountDownLatch(1);
    /** Counted down when a blocking step is interrupted. */
    final CountDownLatch interrupted = new CountDownLatch(1);

    private ScriptedEndpoint(String id, List<String> taskTypes) {
        this.id = id;
        EndpointDescription.Builder description = EndpointDescription.newBuilder().setEndpointId(id)
                .setKind(EndpointKind.FUNCTION).setVersion("test");
        for (String taskType : taskTypes) {
            description.addCapabilities(Capability.newBuilder().setTaskType(taskType)
                    .addModes(Mode.DETERMINISTIC).addModes(Mode.PROBABILISTIC));
        }
        this.description = description.build();
    }

    /** A healthy endpoint capable of {@code taskTypes}, with an empty script. */
    public static ScriptedEndpoint of(String id, String... taskTypes) {
        return new ScriptedEndpoint(id, List.of(taskTypes));
    }

    /** Declares the endpoint {@link Endpoint#runsInline() inline}: the pipeline calls it on the task's thread. */
    ScriptedEndpoint inline() {
        this.inline = true;
        return this;
    }

    @Override
    public boolean runsInline() {
        return inline;
    }

    // ---- health ---------------------------------------------------------------------------

    public ScriptedEndpoint health(HealthState state, String message) {
        this.health = EndpointHealth.newBuilder().setState(state).setMessage(message).build();
        return this;
    }

    public ScriptedEndpoint degraded() {
        return health(HealthState.DEGRADED, "slow");
    }

    public ScriptedEndpoint unhealthy(String message) {
        return health(HealthState.UNHEALTHY, message);
    }

    public ScriptedEndpoint healthFailsWith(RuntimeException failure) {
        this.healthFailure = failure;
        return this;
    }

    /** Health checks block until interrupted, as a remote endpoint that stopped answering would. */
    public ScriptedEndpoint healthHangs() {
        this.healthHangs = true;
        return this;
    }

    public int healthChecks() {
        return healthChecks.get();
    }

    // ---- script ---------------------------------------------------------------------------

    public synchronized ScriptedEndpoint then(Step step) {
        script.add(step);
        return this;
    }

    public ScriptedEndpoint thenRespond(InvokeResponse response) {
        return then((request, deadline) -> response);
    }

    public ScriptedEndpoint thenFail(String code, boolean retryable) {
        return then((request, deadline) -> {
            throw new EndpointException(code, id + " scripted " + code, retryable);
        });
    }

    ScriptedEndpoint thenThrow(RuntimeException failure) {
        return then((request, deadline) -> {
            throw failure;
        });
    }

    /** Blocks until the calling thread is interrupted, as an endpoint that ignores its deadline would. */
    ScriptedEndpoint thenBlock() {
        return then(this::block);
    }

    public synchronized ScriptedEndpoint otherwise(Step step) {
        this.otherwise = step;
        return this;
    }

    public ScriptedEndpoint otherwiseRespond(InvokeResponse response) {
        return otherwise((request, deadline) -> response);
    }

    public ScriptedEndpoint otherwiseFail(String code, boolean retryable) {
        return otherwise((request, deadline) -> {
            throw new EndpointException(code, id + " scripted " + code, retryable);
        });
    }

    ScriptedEndpoint otherwiseBlock() {
        return otherwise(this::block);
    }

    public synchronized int calls() {
        return requests.size();
    }

    synchronized List<InvokeRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized InvokeRequest request(int index) {
        return requests.get(index);
    }

    synchronized List<Deadline> deadlines() {
        return List.copyOf(deadlines);
    }

    // ---- Endpoint -------------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public EndpointDescription describe() {
        return description;
    }

    @Override
    public EndpointHealth health() {
        healthChecks.incrementAndGet();
        if (healthHangs) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(id + " health check interrupted");
        }
        RuntimeException failure = healthFailure;
        if (failure != null) {
            throw failure;
        }
        return health;
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        Step step;
        synchronized (this) {
            requests.add(request);
            deadlines.add(deadline);
            step = script.isEmpty() ? otherwise : script.poll();
        }
        if (step == null) {
            throw new IllegalStateException(id + ": no scripted step left for call " + calls());
        }
        return step.run(request, deadline);
    }

    private InvokeResponse block(InvokeRequest request, Deadline deadline) throws EndpointException {
        blocked.countDown();
        try {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new EndpointException("CANCELLED", id + " interrupted", false);
        }
    }
}
