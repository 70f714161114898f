package procos.das.api.task;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.api.RequestBody;
import procos.das.api.process.QueryText;
import procos.das.api.process.SignedInEngine;
import procos.kernel.Kernel;

/** The signed-in user's human tasks: list with forms, claim, unclaim, complete. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "Human tasks of the signed-in user")
public class TaskResource {

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    /** {@code GET /procos/api/tasks}: tasks assigned to the user or claimable by them or their groups, newest first. */
    @GET
    @Operation(summary = "List the signed-in user's tasks", description = "Assigned to them, or claimable by them or their groups")
    @APIResponse(responseCode = "200", description = "A page of tasks with their forms")
    public Page<TaskItem> list(@BeanParam Paging paging) {
        paging.limit();
        SignedInEngine signedIn = SignedInEngine.of(kernel, security);
        return signedIn.call(engine -> new UserTasks(engine, signedIn.user()).list(paging));
    }

    /** {@code GET /procos/api/tasks/{id}}: one of the user's tasks. */
    @GET
    @Path("{id}")
    @Operation(summary = "Read one of the signed-in user's tasks")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "403", description = "Neither assigned to the user nor offered to them")
    @APIResponse(responseCode = "404", description = "No such task")
    public TaskItem get(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        SignedInEngine signedIn = SignedInEngine.of(kernel, security);
        return signedIn.call(engine -> new UserTasks(engine, signedIn.user()).get(checked));
    }

    /** {@code POST /procos/api/tasks/{id}/claim}: the task becomes the user's. */
    @POST
    @Path("{id}/claim")
    @Operation(summary = "Claim a task")
    @APIResponse(responseCode = "200", description = "The task, assigned to the user")
    @APIResponse(responseCode = "403", description = "Not offered to the user or their groups")
    @APIResponse(responseCode = "409", description = "Claimed by someone else")
    public TaskItem claim(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        SignedInEngine signedIn = SignedInEngine.of(kernel, security);
        return signedIn.call(engine -> new UserTasks(engine, signedIn.user()).claim(checked));
    }

    /** {@code POST /procos/api/tasks/{id}/unclaim}: the task goes back to its candidates. */
    @POST
    @Path("{id}/unclaim")
    @Operation(summary = "Give a claimed task back to its candidates")
    @APIResponse(responseCode = "200", description = "The task, unassigned")
    @APIResponse(responseCode = "409", description = "The user does not hold the task")
    public TaskItem unclaim(@PathParam("id") String id) {
        String checked = QueryText.id("id", id);
        SignedInEngine signedIn = SignedInEngine.of(kernel, security);
        return signedIn.call(engine -> new UserTasks(engine, signedIn.user()).unclaim(checked));
    }

    /** {@code POST /procos/api/tasks/{id}/complete} with {@code values}: 204; each value is checked against the form. */
    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a task with its form's values")
    @APIResponse(responseCode = "204", description = "Completed")
    @APIResponse(responseCode = "403", description = "Not the user's task")
    @APIResponse(responseCode = "409", description = "Claimed by someone else")
    @APIResponse(responseCode = "422", description = "A value of the wrong type, an unknown field or a missing required one, named")
    public void complete(@PathParam("id") String id, Map<String, Object> json) {
        String checked = QueryText.id("id", id);
        RequestBody.of(json == null ? Map.of() : json, Set.of("values"));
        Object values = json == null ? null : json.get("values");
        SignedInEngine signedIn = SignedInEngine.of(kernel, security);
        signedIn.call(engine -> {
            new UserTasks(engine, signedIn.user()).complete(checked, values);
            return null;
        });
    }
}
