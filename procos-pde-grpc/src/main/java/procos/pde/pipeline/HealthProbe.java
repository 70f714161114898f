package procos.pde.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import procos.pde.endpoint.Endpoint;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/**
 * The built-in test of an endpoint's health, remembered briefly: asking a remote endpoint for its
 * health on every task would double its traffic, and health does not change per task. A background
 * prober ({@code procos.pde.routing.HealthMonitor}) may {@link #record} readings, so that tasks find
 * a fresh one and never wait for a health check themselves.
 */
public final class HealthProbe {

    private final Duration maxAge;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public HealthProbe(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public EndpointHealth health(Endpoint endpoint) {
        long now = System.nanoTime();
        Reading reading = readings.get(endpoint.id());
        if (reading == null || now - reading.takenNanos > maxAge.toNanos()) {
            EndpointHealth health;
            try {
                health = endpoint.health();
            } catch (RuntimeException e) {
                health = EndpointHealth.newBuilder().setState(HealthState.UNHEALTHY)
                        .setMessage("health check failed: " + e.getMessage()).build();
            }
            reading = new Reading(health, now);
            readings.put(endpoint.id(), reading);
        }
        return reading.health;
    }

    /**
     * Usable: anything but unhealthy. Degraded endpoints are slower but still answer, and an unknown
     * state (never reported) is treated like degraded, as the contract's HealthState says.
     */
    public boolean usable(Endpoint endpoint) {
        return health(endpoint).getState() != HealthState.UNHEALTHY;
    }

    /** The last reading of the endpoint, however old, without checking it again; empty if it was never checked. */
    public Optional<EndpointHealth> lastReading(String endpointId) {
        Reading reading = readings.get(endpointId);
        return reading == null ? Optional.empty() : Optional.of(reading.health);
    }

    /** Keeps a reading taken elsewhere (the background prober) as the endpoint's current health. */
    public void record(Endpoint endpoint, EndpointHealth health) {
        readings.put(endpoint.id(), new Reading(health, System.nanoTime()));
    }

    /** Forget an endpoint's reading, e.g. after it failed a call, so the next task asks again. */
    public void forget(Endpoint endpoint) {
        readings.remove(endpoint.id());
    }

    private record Reading(EndpointHealth health, long takenNanos) {
    }
}
