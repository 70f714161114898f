package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pipeline.ScriptedEndpoint;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

class HealthMonitorTest {


    private final ScriptedEndpoint endpoint = ScriptedEndpoint.of("e", "t");
    private final ScriptedEndpoint other = ScriptedEndpoint.of("other", "t");
    private final EndpointRegistry registry = new EndpointRegistry().register(endpoint).register(other);
    // Readings never expire here: whatever the probe says now came from the monitor, not the task path.
    private final HealthProbe probe = new HealthProbe(Duration.ofDays(1));
    @RegisterExtension
    final CapturedLog log = new CapturedLog();
    private HealthMonitor monitor;

    @AfterEach
    void tearDown() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void marksAnEndpointUnhealthyAndBackAsItsHealthChanges() {
        monitor = new HealthMonitor(registry, probe, Duration.ofSeconds(5));
        monitor.probeAll();
        assertThat(probe.usable(endpoint)).isTrue();

        endpoint.unhealthy("database down");
        monitor.probeAll();
        assertThat(probe.usable(endpoint)).isFalse();
        assertThat(probe.health(endpoint).getMessage()).isEqualTo("database down");

        endpoint.health(HealthState.HEALTHY, "");
        monitor.probeAll();
        assertThat(probe.usable(endpoint)).isTrue();
        assertThat(log.lines()).filteredOn(line -> line.contains("endpoint_health_changed")).hasSize(2);
    }

    @Test
    void aFailingHealthCheckIsRecordedUnhealthyWithTheReason() {
        monitor = new HealthMonitor(registry, probe, Duration.ofSeconds(5));
        endpoint.healthFailsWith(new IllegalStateException("connection refused"));
        monitor.probeAll();
        assertThat(probe.health(endpoint).getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(probe.health(endpoint).getMessage()).contains("connection refused");
        assertThat(probe.usable(other)).isTrue();
    }

    @Test
    void aHealthCheckThatNeverAnswersIsUnhealthyAndDoesNotHoldUpTheOthers() {
        ScriptedEndpoint hanging = ScriptedEndpoint.of("hanging", "t").healthHangs();
        monitor = new HealthMonitor(new EndpointRegistry().register(hanging).register(other), probe, Duration.ofMillis(200));
        monitor.probeAll();
        EndpointHealth health = probe.health(hanging);
        assertThat(health.getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(health.getMessage()).isEqualTo("health check did not answer within 200 ms");
        assertThat(probe.usable(other)).isTrue();
    }

    @Test
    void onceStartedItProbesByItselfSoTasksFindFreshReadings() throws InterruptedException {
        monitor = new HealthMonitor(registry, probe, Duration.ofMillis(20)).start();
        awaitState(HealthState.HEALTHY);
        endpoint.unhealthy("overloaded");
        awaitState(HealthState.UNHEALTHY);
        endpoint.health(HealthState.HEALTHY, "");
        awaitState(HealthState.HEALTHY);
    }

    private void awaitState(HealthState state) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probe.health(endpoint).getState() != state && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(probe.health(endpoint).getState()).isEqualTo(state);
    }
}
