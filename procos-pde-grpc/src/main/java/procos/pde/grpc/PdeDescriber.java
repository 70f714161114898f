package procos.pde.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.HealthState;
import procos.pde.v1.Mode;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeHealth;
import procos.pde.v1.PdeType;

/**
 * Builds a PDE's {@code Describe} answer from its endpoint registry, so a standalone PDE node and
 * the server's own PDEs describe themselves the same way: every endpoint with its description and
 * current health, the union of their capabilities, and an overall health derived from the
 * endpoints as {@code PdeHealth} defines it. Called per {@code Describe}, so the answer is as
 * fresh as the endpoints' own health checks.
 *
 * <p>With the router's {@link RoutingSnapshot}, the description also carries the routing policy,
 * every learned score and each endpoint's circuit breaker. The in-flight count is not known here
 * and is left unset.
 */
public final class PdeDescriber {

    /** Reported as the version when the classes do not come from a jar with a manifest version. */
    public static final String UNKNOWN_VERSION = "dev";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("grpc");

    private PdeDescriber() {
    }

    /**
     * The full description (before any {@code DescribeRequest} filter is applied).
     *
     * @param pdeId     the PDE's id, reported as {@code pde_id} (a node's {@code node_id})
     * @param type      the PDE's type
     * @param endpoints the endpoints the PDE routes to, read now
     */
    public static PdeDescription describe(String pdeId, PdeType type, EndpointRegistry endpoints) {
        return describe(pdeId, type, endpoints, null);
    }

    /**
     * The full description including what the router knows.
     *
     * @param routing the router's snapshot, taken now; null when the PDE has no router
     */
    public static PdeDescription describe(String pdeId, PdeType type, EndpointRegistry endpoints, RoutingSnapshot routing) {
        Objects.requireNonNull(pdeId, "pdeId");
        Objects.requireNonNull(type, "type");
        Instant now = Instant.now();
        PdeDescription.Builder out = PdeDescription.newBuilder()
                .setPdeId(pdeId)
                .setType(type)
                .setVersion(softwareVersion());
        Map<String, MergedCapability> capabilities = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints.all()) {
            EndpointDescription description = describeSafely(endpoint);
            EndpointHealth health = healthSafely(endpoint, now);
            EndpointInfo.Builder info = EndpointInfo.newBuilder().setDescription(description).setHealth(health);
            if (routing != null && routing.circuits().containsKey(endpoint.id())) {
                info.setCircuit(RoutingDescriptions.circuit(routing.circuits().get(endpoint.id())));
            }
            out.addEndpoints(info);
            for (Capability capability : description.getCapabilitiesList()) {
                capabilities.computeIfAbsent(capability.getTaskType(), MergedCapability::new)
                        .add(capability, health.getState());
            }
        }
        capabilities.values().forEach(merged -> out.addCapabilities(merged.toCapability()));
        if (routing != null) {
            out.setRoutingPolicy(routing.policy());
            routing.scores().forEach(score -> out.addRoutingScores(RoutingDescriptions.score(score)));
        }
        return out.setHealth(overallHealth(capabilities.values(), timestamp(now))).build();
    }

    /**
     * The {@code Implementation-Version} of the jar these classes were loaded from (the build sets
     * it to the project version), or {@value #UNKNOWN_VERSION} when run from class directories.
     */
    public static String softwareVersion() {
        String version = PdeDescriber.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? UNKNOWN_VERSION : version;
    }

    /**
     * HEALTHY when every task type has a HEALTHY endpoint; UNHEALTHY when none has a usable one (or
     * there are no task types at all); DEGRADED otherwise, naming the task types that lack a
     * HEALTHY endpoint.
     */
    private static PdeHealth overallHealth(Iterable<MergedCapability> capabilities, Timestamp checkedAt) {
        List<String> notHealthy = new ArrayList<>();
        boolean anyUsable = false;
        boolean anyTaskType = false;
        for (MergedCapability capability : capabilities) {
            anyTaskType = true;
            if (capability.best != HealthState.UNHEALTHY) {
                anyUsable = true;
            }
            if (capability.best != HealthState.HEALTHY) {
                notHealthy.add(capability.taskType);
            }
        }
        PdeHealth.Builder health = PdeHealth.newBuilder().setCheckedAt(checkedAt);
        if (!anyTaskType) {
            return health.setState(HealthState.UNHEALTHY).setMessage("no endpoint: the PDE can run no task type").build();
        }
        if (!anyUsable) {
            return health.setState(HealthState.UNHEALTHY).setMessage("every endpoint is unhealthy").build();
        }
        if (!notHealthy.isEmpty()) {
            return health.setState(HealthState.DEGRADED)
                    .setMessage("no healthy endpoint for " + String.join(", ", notHealthy)).build();
        }
        return health.setState(HealthState.HEALTHY).build();
    }

    /** An endpoint's describe should not fail; if it does, it is listed by id without capabilities. */
    private static EndpointDescription describeSafely(Endpoint endpoint) {
        try {
            return endpoint.describe();
        } catch (RuntimeException e) {
            LOG.warn("endpoint_describe_failed").with("endpoint", endpoint.id()).error(e).log();
            return EndpointDescription.newBuilder().setEndpointId(endpoint.id())
                    .setDescription("describe failed: " + e.getClass().getSimpleName()).build();
        }
    }

    /** An endpoint whose health cannot be read is, for routing and for this report, UNHEALTHY. */
    private static EndpointHealth healthSafely(Endpoint endpoint, Instant now) {
        try {
            return endpoint.health();
        } catch (RuntimeException e) {
            LOG.warn("endpoint_health_failed").with("endpoint", endpoint.id()).error(e).log();
            return EndpointHealth.newBuilder().setState(HealthState.UNHEALTHY)
                    .setMessage("health check failed: " + e.getClass().getSimpleName())
                    .setCheckedAt(timestamp(now)).build();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return RoutingDescriptions.timestamp(instant);
    }

    /** 0 = best; HEALTH_STATE_UNSPECIFIED counts as DEGRADED, as the contract says routing treats it. */
    private static int rank(HealthState state) {
        return switch (state) {
            case HEALTHY -> 0;
            case UNHEALTHY -> 2;
            default -> 1;
        };
    }

    /**
     * One task type's capability over all endpoints offering it: operations and modes are the union
     * (an endpoint listing no modes counts as DETERMINISTIC, the contract's meaning of an empty
     * list), and the best health among those endpoints.
     */
    private static final class MergedCapability {
        private final String taskType;
        private final Set<String> operations = new LinkedHashSet<>();
        private final Set<Mode> modes = new LinkedHashSet<>();
        private boolean anyExplicitModes;
        private HealthState best = HealthState.UNHEALTHY;

        MergedCapability(String taskType) {
            this.taskType = taskType;
        }

        void add(Capability capability, HealthState health) {
            operations.addAll(capability.getOperationsList());
            if (capability.getModesList().isEmpty()) {
                modes.add(Mode.DETERMINISTIC);
            } else {
                anyExplicitModes = true;
                modes.addAll(capability.getModesList());
            }
            if (rank(health) < rank(best)) {
                best = health == HealthState.HEALTH_STATE_UNSPECIFIED ? HealthState.DEGRADED : health;
            }
        }

        /** Keeps an all-empty mode list empty, so a single endpoint's capability is reported unchanged. */
        Capability toCapability() {
            Capability.Builder capability = Capability.newBuilder().setTaskType(taskType).addAllOperations(operations);
            if (anyExplicitModes) {
                capability.addAllModes(modes);
            }
            return capability.build();
        }
    }
}
