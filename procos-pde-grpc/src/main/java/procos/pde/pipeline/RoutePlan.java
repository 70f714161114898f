package procos.pde.pipeline;

import java.util.List;
import procos.pde.endpoint.Endpoint;

/** The endpoints to try, in order: the primary first, then the fallbacks. */
public record RoutePlan(List<Endpoint> endpoints) {

    public RoutePlan {
        endpoints = List.copyOf(endpoints);
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }
}
