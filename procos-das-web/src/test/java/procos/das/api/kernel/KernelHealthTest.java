package procos.das.api.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class KernelHealthTest {

    // Built directly: the builder needs the server's health provider, which unit tests do not have.
    private static final HealthCheck STARTED = () -> new HealthCheckResponse("procos-kernel-started", HealthCheckResponse.Status.UP,
            Optional.of(Map.of("phase", "MONITORING")));
    private static final HealthCheck NOT_READY = () -> new HealthCheckResponse("procos-kernel-ready", HealthCheckResponse.Status.DOWN,
            Optional.of(Map.of("phase", "FAILED")));
    private static final HealthCheck BROKEN = () -> {
        throw new IllegalStateException("no engine");
    };

    @Test
    void upWhenEveryCheckIsUpWithEachChecksData() {
        KernelHealth health = KernelHealth.of(List.of(STARTED));

        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.checks()).containsExactly(new HealthCheckResult("procos-kernel-started", "UP", java.util.Map.of("phase", "MONITORING")));
    }

    @Test
    void downWhenACheckIsDownOrThrows() {
        KernelHealth health = KernelHealth.of(List.of(STARTED, NOT_READY, BROKEN));

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.checks()).extracting(HealthCheckResult::status).containsExactly("UP", "DOWN", "DOWN");
        assertThat(health.checks().get(2).data()).containsEntry("error", "IllegalStateException: no engine");
    }
}
