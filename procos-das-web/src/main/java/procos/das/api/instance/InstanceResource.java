package procos.das.api.instance;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.api.RequestBody;
import procos.das.api.process.QueryText;
import procos.das.api.process.SignedInEngine;
import procos.kernel.Kernel;

/** Process instances, running and ended: list with filters, detail, cancel. */
@Path("/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instances", description = "Process instances and their history")
public class InstanceResource {

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    /** {@code GET /procos/api/instances?state=&definition_key=&business_key=&started_after=}: newest first, paged. */
    @GET
    @Operation(summary = "List process instances", description = "Newest first; running and ended")
    @APIResponse(responseCode = "200", description = "A page of instances")
    @APIResponse(responseCode = "400", description = "A malformed filter, named")
    public Page<InstanceItem> list(
            @Parameter(description = "active, suspended, incident, completed or canceled") @QueryParam("state") String state,
            @Parameter(description = "Only instances of this process key") @QueryParam("definition_key") String definitionKey,
            @Parameter(description = "Only instances with this business key") @QueryParam("business_key") String businessKey,
            @Parameter(description = "ISO-8601 time; only instances started after it") @QueryParam("started_after") String startedAfter,
            @BeanParam Paging paging) {
        InstanceFilter filter = InstanceFilter.of(state, definitionKey, businessKey, startedAfter);
        paging.limit();
        return SignedInEngine.of(kernel, security).call(engine -> new ProcessInstances(engine).list(filter, paging));
    }

    /** {@code GET /procos/api/instances/{id}}: variables, active and completed activities, incidents, history. */
    @GET
    @Path("{id}")
    @Operation(summary = "Read a process instance with its variables, activities, incidents and history")
    @APIResponse(responseCode = "200", description = "The instance")
    @APIResponse(responseCode = "404", description = "No such instance")
    public InstanceDetail detail(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        return SignedInEngine.of(kernel, security).call(engine -> new ProcessInstances(engine).detail(checked));
    }

    /** {@code POST /procos/api/instances/{id}/cancel} with a required {@code reason}: 204. */
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a running instance", description = "The reason is recorded as the instance's delete reason")
    @APIResponse(responseCode = "204", description = "Canceled")
    @APIResponse(responseCode = "404", description = "No such instance")
    @APIResponse(responseCode = "409", description = "The instance has already ended")
    @APIResponse(responseCode = "422", description = "The reason is missing or too long")
    public void cancel(@PathParam("id") String id, Map<String, Object> json) {
        String checked = QueryText.id("id", id);
        String reason = RequestBody.of(json, Set.of("reason")).requiredString("reason").strip();
        if (reason.length() > ProcessInstances.MAX_REASON) {
            throw ApiProblem.unprocessable("reason: " + reason.length() + " characters; at most " + ProcessInstances.MAX_REASON);
        }
        SignedInEngine.of(kernel, security).call(engine -> {
            new ProcessInstances(engine).cancel(checked, reason);
            return null;
        });
    }
}
