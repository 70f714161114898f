package procos.das.api;

import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import procos.das.generation.governance.AuditEvent;
import procos.das.generation.governance.AuditEventType;
import procos.das.generation.governance.ProcessVersion;
import procos.das.generation.governance.ProcessVersionNotFoundException;
import procos.das.generation.governance.RollbackResult;
import procos.das.runtime.ProcessGeneration;

/**
 * The versions of a process with their metadata, rollback to an earlier one, and the process's
 * audit trail. Rolling back deploys the chosen version again as the newest and moves running
 * instances to it where Camunda's migration allows; it is an approver's or admin's act and is audited.
 */
@Path("/processes/{key}")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessVersionResource {

    private static final int MAX_COMMENT = 2_000;

    @Inject
    ProcessGeneration generation;

    @Context
    SecurityContext security;

    /** {@code GET /procos/api/processes/{key}/versions}: every kept version, newest first. */
    @GET
    @Path("versions")
    public List<Object> versions(@PathParam("key") String key) {
        List<ProcessVersion> versions = generation.versions().versions(key);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("process '" + key + "' has no deployed version");
        }
        return versions.stream().map(ApiJson::plain).toList();
    }

    /**
     * {@code POST /procos/api/processes/{key}/rollback} with {@code version} (and a {@code comment}):
     * that version's model becomes the newest version.
     */
    @POST
    @Path("rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> rollback(@PathParam("key") String key, Map<String, Object> json) {
        if (!security.isUserInRole("approver") && !security.isUserInRole("admin")) {
            throw ApiProblem.forbidden("to roll a process back you need one of the roles approver, admin");
        }
        RequestBody body = RequestBody.of(json, Set.of("version", "comment"));
        int version = body.integer("version", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> ApiProblem.unprocessable("version: required, the version to roll back to"));
        String comment = body.string("comment").orElse("");
        if (comment.length() > MAX_COMMENT) {
            throw ApiProblem.unprocessable("comment: " + comment.length() + " characters; at most " + MAX_COMMENT);
        }
        String user = security.getUserPrincipal().getName();
        RollbackResult result;
        try {
            result = generation.versions().rollback(key, version, user);
        } catch (ProcessVersionNotFoundException e) {
            throw ApiProblem.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        ProcessVersion restored = result.deployed().version();
        try {
            generation.audit().append(AuditEvent.now(AuditEventType.PROCESS_ROLLED_BACK, user, key)
                    .withVersion(restored.version()).withIntent(restored.intent().orElse(null))
                    .withValidationHash(restored.validationHash().orElse(null))
                    .withDetails("to version " + version + (comment.isBlank() ? "" : ": " + comment) + "; migrated "
                            + result.migrated().size() + ", not migrated " + result.notMigrated().size()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the rollback is done but its audit event could not be written: " + e.getMessage(), e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("process_key", key);
        answer.put("rolled_back_to", version);
        answer.put("result", ApiJson.plain(result));
        return answer;
    }

    /** {@code GET /procos/api/processes/{key}/audit?limit=N}: the process's audit events, newest first. */
    @GET
    @Path("audit")
    public List<Object> audit(@PathParam("key") String key, @QueryParam("limit") @DefaultValue("100") int limit)
            throws java.io.IOException {
        if (limit < 1 || limit > 1_000) {
            throw ApiProblem.badRequest("limit: must be between 1 and 1000");
        }
        return generation.audit().byProcessKey(key, limit).stream().map(ApiJson::plain).toList();
    }
}
