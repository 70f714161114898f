package procos.bench;

import io.grpc.Deadline;
import java.util.List;
import java.util.random.RandomGenerator;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * An endpoint of the routing simulation: a success chance and latencies per phase of the run
 * (before and after the shift), played out in simulated milliseconds by {@link #attempt}. Always
 * reports itself healthy, as an endpoint that degrades without noticing does; the router has to
 * learn it from the outcomes. Never invoked for real: the simulation plays the attempt itself.
 */
final class SimulatedEndpoint implements Endpoint {

    /** How the endpoint behaves during one phase. */
    record Behaviour(double successChance, long successMs, long failureMs) {
    }

    /** One played attempt: whether it answered, and after how many simulated milliseconds. */
    record Played(boolean succeeded, long elapsedMs) {
    }

    private final String id;
    private final List<Behaviour> phases;
    private final EndpointDescription description;

    SimulatedEndpoint(String id, String taskType, Behaviour... phases) {
        this.id = id;
        this.phases = List.of(phases);
        this.description = EndpointDescription.newBuilder().setEndpointId(id)
                .addCapabilities(Capability.newBuilder().setTaskType(taskType)).build();
    }

    /** An attempt during {@code phase}; latencies vary by ±25 % around the phase's figures. */
    Played attempt(int phase, RandomGenerator random) {
        Behaviour behaviour = phases.get(Math.min(phase, phases.size() - 1));
        boolean succeeded = random.nextDouble() < behaviour.successChance();
        long base = succeeded ? behaviour.successMs() : behaviour.failureMs();
        return new Played(succeeded, Math.round(base * (0.75 + 0.5 * random.nextDouble())));
    }

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
        return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        throw new UnsupportedOperationException("the routing simulation plays attempts in simulated time");
    }
}
