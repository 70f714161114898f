package it.procos.kernel;

import io.grpc.Deadline;
import java.util.concurrent.atomic.AtomicInteger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/** An endpoint registered by a test into the running server's PDEs, with a behaviour the test chooses. */
final class TestEndpoint implements Endpoint {

    /** What the endpoint does when invoked. */
    interface Behaviour {
        InvokeResponse invoke(InvokeRequest request) throws EndpointException, InterruptedException;
    }

    private final String id;
    private final String taskType;
    private final Behaviour behaviour;
    final AtomicInteger calls = new AtomicInteger();
    private volatile HealthState health = HealthState.HEALTHY;

    TestEndpoint(String id, String taskType, Behaviour behaviour) {
        this.id = id;
        this.taskType = taskType;
        this.behaviour = behaviour;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public EndpointDescription describe() {
        return EndpointDescription.newBuilder().setEndpointId(id).addCapabilities(Capability.newBuilder().setTaskType(taskType)).build();
    }

    /** Reports itself DEGRADED: routers try healthy endpoints first and this one only as a fallback. */
    TestEndpoint degraded() {
        this.health = HealthState.DEGRADED;
        return this;
    }

    @Override
    public EndpointHealth health() {
        return EndpointHealth.newBuilder().setState(health).build();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        calls.incrementAndGet();
        try {
            return behaviour.invoke(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException("CANCELLED", "interrupted", false);
        }
    }
}
