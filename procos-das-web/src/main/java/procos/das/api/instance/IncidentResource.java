package procos.das.api.instance;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.process.QueryText;
import procos.das.api.process.SignedInEngine;
import procos.kernel.Kernel;

/** Incidents: retry what failed. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instances")
public class IncidentResource {

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    /** {@code POST /procos/api/incidents/{id}/retry}: the failed job's or external task's retries become 1; 204. */
    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry the job or external task behind an incident")
    @APIResponse(responseCode = "204", description = "Retries set to 1; the incident resolves")
    @APIResponse(responseCode = "404", description = "No such open incident")
    @APIResponse(responseCode = "409", description = "An incident of a type with nothing to retry")
    public void retry(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        SignedInEngine.of(kernel, security).call(engine -> {
            new IncidentRetry(engine).retry(checked);
            return null;
        });
    }
}
