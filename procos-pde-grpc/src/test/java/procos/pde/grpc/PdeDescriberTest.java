package procos.pde.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.NoopEndpoint;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeType;

class PdeDescriberTest {

    /** Keeps the expected WARN lines out of the test console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final SinkOverride log = StructuredLogger.useSink(new InMemorySink());

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void theNoopEndpointMakesAHealthyGeneralPurposePde() {
        PdeDescription description = PdeDescriber.describe("node-1", PdeType.GENERAL_PURPOSE,
                new EndpointRegistry().register(new NoopEndpoint()));

        assertThat(description.getPdeId()).isEqualTo("node-1");
        assertThat(description.getType()).isEqualTo(PdeType.GENERAL_PURPOSE);
        assertThat(description.getVersion()).isEqualTo(PdeDescriber.UNKNOWN_VERSION);
        assertThat(description.getEndpointsList()).extracting(info -> info.getDescription().getEndpointId())
                .containsExactly("noop");
        assertThat(description.getCapabilitiesList()).containsExactly(
                Capability.newBuilder().setTaskType("noop").build(),
                Capability.newBuilder().setTaskType("echo").build());
        assertThat(description.getHealth().getState()).isEqualTo(HealthState.HEALTHY);
        assertThat(description.getHealth().getMessage()).isEmpty();
        assertThat(description.getRoutingScoresList()).isEmpty();
    }

    @Test
    void capabilitiesAreTheUnionAndATaskTypeWithoutAHealthyEndpointDegradesThePde() {
        Endpoint model = new FixedEndpoint("model", HealthState.UNHEALTHY,
                Capability.newBuilder().setTaskType("echo").addOperations("shout").addModes(Mode.PROBABILISTIC).build(),
                Capability.newBuilder().setTaskType("summarize").addModes(Mode.PROBABILISTIC).build());

        PdeDescription description = PdeDescriber.describe("node-2", PdeType.AI,
                new EndpointRegistry().register(new NoopEndpoint()).register(model));

        assertThat(description.getCapabilitiesList()).containsExactly(
                Capability.newBuilder().setTaskType("noop").build(),
                Capability.newBuilder().setTaskType("echo").addOperations("shout")
                        .addModes(Mode.DETERMINISTIC).addModes(Mode.PROBABILISTIC).build(),
                Capability.newBuilder().setTaskType("summarize").addModes(Mode.PROBABILISTIC).build());
        assertThat(description.getEndpointsList()).extracting(info -> info.getHealth().getState())
                .containsExactly(HealthState.HEALTHY, HealthState.UNHEALTHY);
        assertThat(description.getHealth().getState()).isEqualTo(HealthState.DEGRADED);
        assertThat(description.getHealth().getMessage()).isEqualTo("no healthy endpoint for summarize");
    }

    @Test
    void withoutUsableEndpointsThePdeIsUnhealthy() {
        PdeDescription none = PdeDescriber.describe("empty", PdeType.GENERAL_PURPOSE, new EndpointRegistry());
        PdeDescription down = PdeDescriber.describe("down", PdeType.GENERAL_PURPOSE, new EndpointRegistry()
                .register(new FixedEndpoint("down", HealthState.UNHEALTHY, Capability.newBuilder().setTaskType("x").build())));

        assertThat(none.getHealth().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(none.getHealth().getMessage()).contains("no endpoint");
        assertThat(down.getHealth().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(down.getHealth().getMessage()).isEqualTo("every endpoint is unhealthy");
    }

    @Test
    void anEndpointWhoseHealthCheckThrowsIsReportedUnhealthy() {
        Endpoint broken = new FixedEndpoint("broken", null, Capability.newBuilder().setTaskType("x").build());

        PdeDescription description = PdeDescriber.describe("node-3", PdeType.INTEGRATION,
                new EndpointRegistry().register(broken));

        EndpointInfo info = description.getEndpoints(0);
        assertThat(info.getHealth().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(info.getHealth().getMessage()).contains("health check failed");
    }

    /** An endpoint with fixed capabilities and health; a null health makes health() throw. */
    private record FixedEndpoint(String id, HealthState state, List<Capability> capabilities) implements Endpoint {

        FixedEndpoint(String id, HealthState state, Capability... capabilities) {
            this(id, state, List.of(capabilities));
        }

        @Override
        public EndpointDescription describe() {
            return EndpointDescription.newBuilder().setEndpointId(id).addAllCapabilities(capabilities).build();
        }

        @Override
        public EndpointHealth health() {
            if (state == null) {
                throw new IllegalStateException("probe crashed");
            }
            return EndpointHealth.newBuilder().setState(state).build();
        }

        @Override
        public InvokeResponse invoke(InvokeRequest request, Deadline deadline) {
            return InvokeResponse.getDefaultInstance();
        }
    }
}
