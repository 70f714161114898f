package procos.das.api.kernel;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.kernel.Kernel;
import procos.kernel.KernelStatus;
import procos.logging.StructuredLogger;

/** The kernel's state for people and the UI: phase, boot timings, deployments, engine counts. */
@Path("/kernel")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kernel", description = "The microkernel: status, health, redeployment")
public class KernelResource {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("api");

    @Inject
    Kernel kernel;

    /** The MicroProfile Health checks of the application: the kernel's started, live and ready checks. */
    @Inject
    @Any
    Instance<HealthCheck> healthChecks;

    /** {@code GET /procos/api/kernel}: the full kernel status. */
    @GET
    @Operation(summary = "The kernel's status: phase, boot timings, deployments, engine counts")
    @APIResponse(responseCode = "200", description = "The status")
    public Map<String, Object> status() {
        KernelStatus status = kernel.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", status.phase().name());
        body.put("failed_phase", status.failedPhase() == null ? null : status.failedPhase().name());
        body.put("problems", status.problems());
        body.put("database", status.database());
        body.put("boot_ms", status.bootMs());
        body.put("boot_phases_ms", status.bootPhasesMs());
        body.put("processes", Map.of(
                "deployed", status.deployment().deployed(),
                "unchanged", status.deployment().unchanged(),
                "failed", status.deployment().failed().stream().map(Object::toString).toList()));
        body.put("root_instance_id", status.rootInstanceId());
        body.put("engine", status.lastSnapshot());
        return body;
    }

    /** {@code GET /procos/api/kernel/health}: runs the health checks (started, live, ready) and answers their results. */
    @GET
    @Path("health")
    @Operation(summary = "Runs the kernel's health checks (started, live, ready)")
    @APIResponse(responseCode = "200", description = "Every check's status and data; status is UP only when all are up")
    public KernelHealth health() {
        return KernelHealth.of(healthChecks);
    }

    /**
     * {@code POST /procos/api/kernel/redeploy}: deploys the BPMN set again (the shipped files and the
     * processes folder) through the kernel's deployer; the deployment guard checks every model.
     */
    @POST
    @Path("redeploy")
    @Operation(summary = "Redeploys the BPMN set: shipped files and the processes folder")
    @APIResponse(responseCode = "200", description = "What became a new version, what was unchanged, what was refused")
    @APIResponse(responseCode = "409", description = "The kernel is not running")
    public RedeployReport redeploy() {
        try {
            RedeployReport report = RedeployReport.of(kernel.redeployProcesses());
            LOG.info("processes_redeployed").with("deployed", report.deployed()).with("failed", report.failed()).log();
            return report;
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
    }
}
