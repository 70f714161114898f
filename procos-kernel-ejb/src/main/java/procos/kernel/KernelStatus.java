package procos.kernel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import procos.kernel.deploy.DeploymentReport;
import procos.kernel.monitor.EngineSnapshot;

/**
 * An immutable picture of the kernel, safe to hand to health checks and APIs on any thread.
 *
 * @param phase           where the lifecycle is
 * @param failedPhase     the phase boot stopped in, when {@code phase} is FAILED
 * @param problems        every reason the kernel is not ready (invalid settings, unreachable database, …)
 * @param bootPhasesMs    how long each boot phase took, in order
 * @param deployment      the last deployment round
 * @param rootInstanceId  the running root orchestrator instance
 * @param lastSnapshot    the latest monitor reading
 * @param database        which database the engine runs on, with the URL (secrets removed)
 */
public record KernelStatus(KernelPhase phase, KernelPhase failedPhase, List<String> problems,
                           Map<String, Long> bootPhasesMs, DeploymentReport deployment,
                           String rootInstanceId, EngineSnapshot lastSnapshot, String database) {

    public KernelStatus {
        problems = List.copyOf(problems);
        bootPhasesMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bootPhasesMs));
    }

    static KernelStatus initial() {
        return new KernelStatus(KernelPhase.CREATED, null, List.of(), Map.of(), DeploymentReport.empty(),
                null, EngineSnapshot.none(), null);
    }

    KernelStatus withPhase(KernelPhase next) {
        return new KernelStatus(next, failedPhase, problems, bootPhasesMs, deployment, rootInstanceId, lastSnapshot, database);
    }

    KernelStatus withPhaseTime(KernelPhase done, long millis) {
        Map<String, Long> times = new LinkedHashMap<>(bootPhasesMs);
        times.put(done.eventName(), millis);
        return new KernelStatus(phase, failedPhase, problems, times, deployment, rootInstanceId, lastSnapshot, database);
    }

    KernelStatus failed(KernelPhase at, List<String> reasons) {
        return new KernelStatus(KernelPhase.FAILED, at, reasons, bootPhasesMs, deployment, rootInstanceId, lastSnapshot, database);
    }

    KernelStatus withDeployment(DeploymentReport report) {
        List<String> reasons = report.failed().stream().map(DeploymentReport.Failure::toString).toList();
        return new KernelStatus(phase, failedPhase, reasons, bootPhasesMs, report, rootInstanceId, lastSnapshot, database);
    }

    KernelStatus withRoot(String instanceId) {
        return new KernelStatus(phase, failedPhase, problems, bootPhasesMs, deployment, instanceId, lastSnapshot, database);
    }

    KernelStatus withSnapshot(EngineSnapshot snapshot) {
        return new KernelStatus(phase, failedPhase, problems, bootPhasesMs, deployment, rootInstanceId, snapshot, database);
    }

    KernelStatus withDatabase(String description) {
        return new KernelStatus(phase, failedPhase, problems, bootPhasesMs, deployment, rootInstanceId, lastSnapshot, description);
    }

    /** Total boot time, the sum of the phases. */
    public long bootMs() {
        return bootPhasesMs.values().stream().mapToLong(Long::longValue).sum();
    }
}
