package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

class HealthProbeTest {

    private final ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "echo");

    @Test
    void readingIsRememberedWithinItsMaxAge() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(5));
        assertThat(probe.health(endpoint).getState()).isEqualTo(HealthState.HEALTHY);
        assertThat(probe.usable(endpoint)).isTrue();
        probe.health(endpoint);
        assertThat(endpoint.healthChecks()).isEqualTo(1);
    }

    @Test
    void rememberedReadingHidesAChangeUntilForgotten() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(5));
        assertThat(probe.usable(endpoint)).isTrue();
        endpoint.unhealthy("down");
        assertThat(probe.usable(endpoint)).isTrue();
        probe.forget(endpoint);
        assertThat(probe.usable(endpoint)).isFalse();
        assertThat(endpoint.healthChecks()).isEqualTo(2);
    }

    @Test
    void readingOlderThanMaxAgeIsTakenAgain() {
        HealthProbe probe = new HealthProbe(Duration.ofMillis(1));
        probe.health(endpoint);
        endpoint.degraded();
        Fixtures.letTimePass(Duration.ofMillis(5));
        assertThat(probe.health(endpoint).getState()).isEqualTo(HealthState.DEGRADED);
        assertThat(endpoint.healthChecks()).isEqualTo(2);
    }

    @Test
    void readingsAreKeptPerEndpoint() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(5));
        ScriptedEndpoint other = ScriptedEndpoint.of("other", "echo").unhealthy("down");
        assertThat(probe.usable(endpoint)).isTrue();
        assertThat(probe.usable(other)).isFalse();
        probe.forget(other);
        probe.health(endpoint);
        assertThat(endpoint.healthChecks()).isEqualTo(1);
    }

    @Test
    void failingHealthCheckCountsAsUnhealthyWithTheReason() {
        HealthProbe probe = new HealthProbe(Duration.ofMinutes(5));
        endpoint.healthFailsWith(new IllegalStateException("connection refused"));
        EndpointHealth health = probe.health(endpoint);
        assertThat(health.getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(health.getMessage()).isEqualTo("health check failed: connection refused");
        assertThat(probe.usable(endpoint)).isFalse();
    }

    @Test
    void healthyAndDegradedAreUsableUnhealthyIsNot() {
        assertThat(usable(HealthState.HEALTHY)).isTrue();
        assertThat(usable(HealthState.DEGRADED)).isTrue();
        assertThat(usable(HealthState.UNHEALTHY)).isFalse();
    }

    @Test
    void unknownHealthIsUsable() {
        // common.proto: HEALTH_STATE_UNSPECIFIED "Routing treats it like DEGRADED: usable, but not preferred."
        assertThat(usable(HealthState.HEALTH_STATE_UNSPECIFIED)).isTrue();
    }

    private static boolean usable(HealthState state) {
        ScriptedEndpoint endpoint = ScriptedEndpoint.of("e-" + state, "echo").health(state, "");
        return new HealthProbe(Duration.ofMinutes(5)).usable(endpoint);
    }

    @Test
    void lastReadingIsTheRecordedOneAndNeverChecksTheEndpoint() {
        HealthProbe probe = new HealthProbe(Duration.ofMillis(1));
        assertThat(probe.lastReading("e")).isEmpty();
        probe.record(endpoint, EndpointHealth.newBuilder().setState(HealthState.DEGRADED).setMessage("slow").build());
        Fixtures.letTimePass(Duration.ofMillis(5));

        assertThat(probe.lastReading("e")).hasValueSatisfying(health -> assertThat(health.getMessage()).isEqualTo("slow"));
        assertThat(endpoint.healthChecks()).isZero();
    }
}
