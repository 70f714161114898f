package procos.pde.endpoint;

import java.util.ArrayList;
import java.util.List;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.pool.PdeManagerConfig;

/**
 * Builds the endpoints a PDE manager configuration declares. Every endpoint is built before any is
 * used, so a configuration naming an endpoint that cannot exist fails at boot, by name.
 */
public final class EndpointFactory {

    private EndpointFactory() {
    }

    public static EndpointRegistry registryFor(PdeManagerConfig config) {
        EndpointRegistry registry = new EndpointRegistry();
        List<String> problems = new ArrayList<>();
        for (EndpointConfig endpoint : config.endpoints()) {
            try {
                registry.register(create(endpoint));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return registry;
    }

    private static Endpoint create(EndpointConfig config) {
        if (config.kind() == EndpointKind.BUILTIN && config.id().equals(NoopEndpoint.ID)) {
            return new NoopEndpoint();
        }
        throw new IllegalArgumentException("endpoint '" + config.id() + "': kind '" + config.kind().name().toLowerCase()
                + "' is not available in this version (available: builtin '" + NoopEndpoint.ID + "')");
    }
}
