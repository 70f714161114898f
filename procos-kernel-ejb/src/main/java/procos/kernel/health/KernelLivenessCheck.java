package procos.kernel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import procos.kernel.Kernel;
import procos.kernel.KernelPhase;

/**
 * Alive while the kernel's monitor keeps ticking and the engine's job executor runs. A kernel that
 * failed to boot is still alive (restarting would not fix its configuration); readiness says why
 * it is not serving.
 */
@Liveness
@ApplicationScoped
public class KernelLivenessCheck implements HealthCheck {

    /** Missed ticks tolerated before the monitor counts as stuck. */
    private static final int TOLERATED_MISSED_TICKS = 3;

    @Inject
    Kernel kernel;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("procos-kernel-live");
        KernelPhase phase = kernel.status().phase();
        response.withData("phase", phase.name());
        if (phase != KernelPhase.MONITORING) {
            return response.up().build();
        }
        boolean jobExecutorAlive = kernel.engine().map(engine -> engine.jobExecutorActive()).orElse(false);
        Duration allowed = kernel.settings().monitorInterval().multipliedBy(TOLERATED_MISSED_TICKS);
        Instant lastTick = kernel.lastMonitorTick().orElse(Instant.EPOCH);
        boolean monitorAlive = Duration.between(lastTick, Instant.now()).compareTo(allowed) <= 0;
        return response
                .status(jobExecutorAlive && monitorAlive)
                .withData("job_executor_active", jobExecutorAlive)
                .withData("monitor_alive", monitorAlive)
                .withData("last_monitor_tick", lastTick.toString())
                .build();
    }
}
