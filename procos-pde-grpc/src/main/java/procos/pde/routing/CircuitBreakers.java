package procos.pde.routing;

import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import procos.pde.pool.RouterConfig.CircuitConfig;

/**
 * The circuit breakers of a PDE, one per endpoint id, created on first use: an endpoint registered
 * while running gets a closed circuit like the configured ones.
 */
public final class CircuitBreakers {

    private final CircuitConfig config;
    private final InstantSource clock;
    private final Map<String, CircuitBreaker> byEndpoint = new ConcurrentHashMap<>();

    public CircuitBreakers(CircuitConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    public CircuitBreaker of(String endpointId) {
        return byEndpoint.computeIfAbsent(endpointId, id -> new CircuitBreaker(id, config, clock));
    }

    /** Every circuit that has seen a call or a routing decision, by endpoint id, sorted. */
    public Map<String, CircuitStatus> statuses() {
        Map<String, CircuitStatus> statuses = new TreeMap<>();
        byEndpoint.forEach((id, breaker) -> statuses.put(id, breaker.status()));
        return statuses;
    }
}
