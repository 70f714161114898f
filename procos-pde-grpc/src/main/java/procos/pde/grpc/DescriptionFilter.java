package procos.pde.grpc;

import java.util.Set;
import procos.pde.v1.DescribeRequest;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.PdeDescription;

/**
 * Applies a {@link DescribeRequest} to the PDE's full self-description: restricts endpoints,
 * capabilities and routing scores to the requested task types, and drops the routing scores
 * (potentially one entry per task type and endpoint) unless they were asked for.
 */
final class DescriptionFilter {

    private DescriptionFilter() {
    }

    static PdeDescription apply(PdeDescription full, DescribeRequest request) {
        Set<String> types = Set.copyOf(request.getTaskTypesList());
        PdeDescription.Builder out = full.toBuilder().clearRoutingScores();
        if (!types.isEmpty()) {
            out.clearCapabilities().clearEndpoints();
            full.getCapabilitiesList().stream()
                    .filter(c -> types.contains(c.getTaskType()))
                    .forEach(out::addCapabilities);
            full.getEndpointsList().stream()
                    .filter(e -> servesAny(e, types))
                    .forEach(out::addEndpoints);
        }
        if (request.getIncludeRoutingScores()) {
            full.getRoutingScoresList().stream()
                    .filter(s -> types.isEmpty() || types.contains(s.getTaskType()))
                    .forEach(out::addRoutingScores);
        }
        return out.build();
    }

    private static boolean servesAny(EndpointInfo endpoint, Set<String> types) {
        return endpoint.getDescription().getCapabilitiesList().stream()
                .anyMatch(c -> types.contains(c.getTaskType()));
    }
}
