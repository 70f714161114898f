package procos.pde.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.HealthState;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeHealth;
import procos.pde.v1.PdeType;

/**
 * What {@code Describe} answers: this PDE's id and type, each endpoint with its description and
 * current health, the capabilities they add up to, and the PDE's overall health (healthy while
 * at least one endpoint is usable).
 */
public final class PdeDescriber {

    private PdeDescriber() {
    }

    public static PdeDescription describe(String pdeId, PdeType type, EndpointRegistry endpoints) {
        PdeDescription.Builder description = PdeDescription.newBuilder().setPdeId(pdeId).setType(type).setVersion(version());
        Map<String, Capability> capabilities = new LinkedHashMap<>();
        boolean anyUsable = false;
        for (Endpoint endpoint : endpoints.all()) {
            EndpointHealth health = endpoint.health();
            anyUsable |= health.getState() != HealthState.UNHEALTHY;
            description.addEndpoints(EndpointInfo.newBuilder().setDescription(endpoint.describe()).setHealth(health));
            endpoint.describe().getCapabilitiesList().forEach(capability -> capabilities.putIfAbsent(capability.getTaskType(), capability));
        }
        description.addAllCapabilities(capabilities.values());
        Instant now = Instant.now();
        description.setHealth(PdeHealth.newBuilder()
                .setState(anyUsable ? HealthState.HEALTHY : HealthState.UNHEALTHY)
                .setMessage(anyUsable ? "" : "no usable endpoint")
                .setCheckedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())));
        return description.build();
    }

    private static String version() {
        String version = PdeDescriber.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
