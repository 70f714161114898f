package procos.kernel.deploy.guard;

import java.util.List;

/**
 * A check that modules outside the kernel install into the running {@link DeploymentGuard} (the DAS
 * installs its BPMN validator). It sees every BPMN resource of every new deployment, whichever way
 * it arrives; an {@link GuardFinding.Severity#ERROR} finding refuses the deployment like the guard's
 * own findings. Implementations must be thread-safe: deployments run concurrently.
 */
@FunctionalInterface
public interface ModelCheck {

    /** What the check finds in one BPMN resource; an empty list when it has nothing to say. */
    List<GuardFinding> check(String resourceName, byte[] content);
}
