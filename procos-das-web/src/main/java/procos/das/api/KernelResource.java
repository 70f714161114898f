package procos.das.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import procos.kernel.Kernel;
import procos.kernel.KernelStatus;

/** The kernel's state for people and the UI: phase, boot timings, deployments, engine counts. */
@Path("/kernel")
@Produces(MediaType.APPLICATION_JSON)
public class KernelResource {

    @Inject
    Kernel kernel;

    /** {@code GET /procos/api/kernel}: the full kernel status. */
    @GET
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
}
