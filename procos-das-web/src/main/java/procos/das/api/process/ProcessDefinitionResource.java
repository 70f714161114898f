package procos.das.api.process;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
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
import procos.kernel.Kernel;

/** Deployed process definitions: list, read, their BPMN, start an instance, suspend and resume. */
@Path("/process-definitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Processes", description = "Deployed process definitions")
public class ProcessDefinitionResource {

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /** {@code GET /procos/api/process-definitions?key=&latest=}: definitions, paged. */
    @GET
    @Operation(summary = "List process definitions", description = "By key, newest version first; latest=true keeps each key's newest")
    @APIResponse(responseCode = "200", description = "A page of definitions")
    @APIResponse(responseCode = "400", description = "A malformed parameter, named")
    public Page<ProcessDefinitionItem> list(@Parameter(description = "Only this process key") @QueryParam("key") String key,
                                            @Parameter(description = "Only each key's newest version") @QueryParam("latest") @DefaultValue("false") String latest,
                                            @BeanParam Paging paging) {
        String checkedKey = QueryText.optional("key", key);
        boolean onlyLatest = flag("latest", latest);
        paging.limit();
        return engine().call(engine -> new ProcessDefinitions(engine).list(checkedKey, onlyLatest, paging));
    }

    /** {@code GET /procos/api/process-definitions/{id}}: one definition. */
    @GET
    @Path("{id}")
    @Operation(summary = "Read a process definition")
    @APIResponse(responseCode = "200", description = "The definition")
    @APIResponse(responseCode = "404", description = "No such definition")
    public ProcessDefinitionItem get(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        return engine().call(engine -> new ProcessDefinitions(engine).get(checked));
    }

    /** {@code GET /procos/api/process-definitions/{id}/xml}: the BPMN it was deployed from. */
    @GET
    @Path("{id}/xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The BPMN XML of a process definition")
    @APIResponse(responseCode = "200", description = "BPMN 2.0 XML")
    @APIResponse(responseCode = "404", description = "No such definition")
    public String xml(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        return engine().call(engine -> new ProcessDefinitions(engine).xml(checked));
    }

    /**
     * {@code POST /procos/api/process-definitions/{id}/start} with {@code business_key} and
     * {@code variables}: 201 with the new instance.
     */
    @POST
    @Path("{id}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an instance", description = "Variables: strings, numbers, booleans, null; nested objects and arrays are stored as JSON text")
    @APIResponse(responseCode = "201", description = "The started instance")
    @APIResponse(responseCode = "403", description = "The engine's authorizations refuse the start")
    @APIResponse(responseCode = "409", description = "The definition is suspended")
    @APIResponse(responseCode = "422", description = "A field or variable that cannot be accepted, named")
    public Response start(@PathParam("id") String id, Map<String, Object> json) {
        String checked = QueryText.id("id", id);
        RequestBody body = RequestBody.of(json == null ? Map.of() : json, Set.of("business_key", "variables"));
        String businessKey = body.string("business_key").orElse(null);
        if (businessKey != null && (businessKey.isBlank() || businessKey.length() > QueryText.MAX)) {
            throw ApiProblem.unprocessable("business_key: 1 to " + QueryText.MAX + " characters");
        }
        Map<String, Object> variables = VariableValues.fromJson(json == null ? null : json.get("variables"), "variables");
        StartedInstance started = engine().call(engine -> new ProcessDefinitions(engine).start(checked, businessKey, variables));
        return Response.created(uri.getBaseUriBuilder().path("instances").path(started.instanceId()).build()).entity(started).build();
    }

    /** {@code POST /procos/api/process-definitions/{id}/suspend}: suspends it and its instances. */
    @POST
    @Path("{id}/suspend")
    @Operation(summary = "Suspend a process definition and its instances")
    @APIResponse(responseCode = "200", description = "The definition, suspended")
    public ProcessDefinitionItem suspend(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        return engine().call(engine -> new ProcessDefinitions(engine).suspend(checked));
    }

    /** {@code POST /procos/api/process-definitions/{id}/resume}: activates it and its instances again. */
    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a suspended process definition and its instances")
    @APIResponse(responseCode = "200", description = "The definition, active")
    public ProcessDefinitionItem resume(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        return engine().call(engine -> new ProcessDefinitions(engine).resume(checked));
    }

    private SignedInEngine engine() {
        return SignedInEngine.of(kernel, security);
    }

    private static boolean flag(String name, String value) {
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        throw ApiProblem.badRequest(name + ": true or false, got '" + value + "'");
    }
}
