package procos.kernel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import procos.kernel.Kernel;
import procos.kernel.KernelPhase;

/** Started once the kernel has finished booting, whatever the outcome: readiness tells the outcome. */
@Startup
@ApplicationScoped
public class KernelStartedCheck implements HealthCheck {

    @Inject
    Kernel kernel;

    @Override
    public HealthCheckResponse call() {
        KernelPhase phase = kernel.status().phase();
        boolean booted = phase == KernelPhase.MONITORING || phase == KernelPhase.FAILED;
        return HealthCheckResponse.named("procos-kernel-started")
                .status(booted)
                .withData("phase", phase.name())
                .withData("boot_ms", kernel.status().bootMs())
                .build();
    }
}
