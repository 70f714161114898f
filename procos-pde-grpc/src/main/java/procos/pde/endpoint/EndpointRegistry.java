package procos.pde.endpoint;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The endpoints a PDE can route to, by id, in registration order. */
public final class EndpointRegistry {

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    public EndpointRegistry register(Endpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw new IllegalArgumentException("endpoint id '" + endpoint.id() + "' is registered twice");
        }
        return this;
    }

    public Optional<Endpoint> get(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public Collection<Endpoint> all() {
        return endpoints.values();
    }

    /** Endpoints whose description lists {@code taskType} among their capabilities. */
    public List<Endpoint> capableOf(String taskType) {
        return endpoints.values().stream()
                .filter(endpoint -> endpoint.describe().getCapabilitiesList().stream()
                        .anyMatch(capability -> capability.getTaskType().equals(taskType)))
                .toList();
    }
}
