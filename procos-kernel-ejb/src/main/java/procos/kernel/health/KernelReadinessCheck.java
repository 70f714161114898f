package procos.kernel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import procos.kernel.Kernel;
import procos.kernel.KernelPhase;
import procos.kernel.KernelStatus;

/**
 * Ready when the kernel is monitoring, its database answers and every BPMN file deployed. When not
 * ready, the data says why: the phase boot stopped in and every problem found.
 */
@Readiness
@ApplicationScoped
public class KernelReadinessCheck implements HealthCheck {

    @Inject
    Kernel kernel;

    @Override
    public HealthCheckResponse call() {
        KernelStatus status = kernel.status();
        boolean monitoring = status.phase() == KernelPhase.MONITORING;
        boolean databaseReachable = kernel.engine().map(engine -> engine.databaseReachable()).orElse(false);
        boolean processesDeployed = monitoring && status.deployment().allDeployed();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("procos-kernel-ready")
                .status(monitoring && databaseReachable && processesDeployed)
                .withData("phase", status.phase().name())
                .withData("database_reachable", databaseReachable)
                .withData("processes_deployed", status.deployment().processCount())
                .withData("processes_failed", status.deployment().failed().size())
                .withData("boot_ms", status.bootMs());
        if (status.database() != null) {
            response.withData("database", status.database());
        }
        if (status.failedPhase() != null) {
            response.withData("failed_phase", status.failedPhase().name());
        }
        if (status.rootInstanceId() != null) {
            response.withData("root_instance_id", status.rootInstanceId());
        }
        if (!status.problems().isEmpty()) {
            response.withData("problems", String.join(" | ", status.problems()));
        }
        return response.build();
    }
}
