package procos.das.api.me;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.kernel.Kernel;
import procos.kernel.security.Role;

/** The signed-in user, so the console can hide what the user's roles do not allow. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "The signed-in user")
public class MeResource {

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    /** {@code GET /procos/api/me}: the user, their ProcOS roles and engine groups. */
    @GET
    @Operation(summary = "The signed-in user, their ProcOS roles and engine groups")
    @APIResponse(responseCode = "200", description = "The user")
    public Me me() {
        String user = security.getUserPrincipal().getName();
        List<String> roles = Arrays.stream(Role.values()).map(Role::groupId).filter(security::isUserInRole).toList();
        List<String> groups = kernel.engine()
                .map(running -> running.engine().getIdentityService().createGroupQuery().groupMember(user).orderByGroupId().asc()
                        .list().stream().map(Group::getId).toList())
                .orElse(List.of());
        return new Me(user, roles, groups);
    }
}
