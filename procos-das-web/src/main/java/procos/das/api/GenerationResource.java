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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.intent.InvalidIntentException;
import procos.das.generation.pipeline.ApprovalLookup;
import procos.das.generation.store.Attempt;
import procos.das.generation.store.GenerationRecord;
import procos.das.generation.store.GenerationStore;
import procos.das.runtime.ProcessGeneration;

/**
 * Process generation over HTTP, asynchronous by design: submitting an intent answers 202 at once
 * with the request's id while {@code process_generation} works on it; the request is then read
 * until its status is final or awaits approval. Approvers decide here; what they decide is
 * completed on the approval user task as them.
 */
@Path("/generations")
@Produces(MediaType.APPLICATION_JSON)
public class GenerationResource {

    static final String PROCESS = "process_generation";
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MAX_COMMENT = 2_000;
    private static final int MAX_LIST = 200;

    @Inject
    ProcessGeneration generation;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /**
     * {@code POST /procos/api/generations}: starts generating a process for the intent (operators and
     * admins). 202 with the request's id and {@code Location}; 422 names the field that is wrong.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(Map<String, Object> json) {
        requireRole("submit an intent", "operator", "admin");
        RequestBody body = RequestBody.of(json, java.util.Set.of("intent", "domain", "process_key"));
        String intent = body.requiredString("intent");
        try {
            generation.normalizer().normalize(intent);
        } catch (InvalidIntentException e) {
            throw ApiProblem.unprocessable("intent: " + e.getMessage());
        }
        String domain = optional("domain", body.string("domain").orElse(null), DOMAIN);
        String key = optional("process_key", body.string("process_key").orElse(null), KEY);
        if (key != null) {
            generation.reservedKeyProblem(key).ifPresent(problem -> {
                throw ApiProblem.unprocessable("process_key: " + problem);
            });
        }
        String user = user();
        GenerationStore store = generation.store();
        GenerationRecord record = store.create(intent, user, domain, key);
        ProcessEngine engine = generation.engine();
        ProcessInstance instance = EngineUser.as(engine, user, () -> engine.getRuntimeService()
                .startProcessInstanceByKey(PROCESS, record.id(), Map.of("generation_id", record.id())));
        GenerationRecord started = update(record.id(), r -> r.withInstance(instance.getId()));
        return Response.accepted(summary(started)).location(uri.getAbsolutePathBuilder().path(record.id()).build()).build();
    }

    /** {@code GET /procos/api/generations?limit=N}: the newest requests, newest first. */
    @GET
    public List<Map<String, Object>> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiProblem.badRequest("limit: must be between 1 and " + MAX_LIST);
        }
        return generation.store().recent(limit).stream().map(GenerationResource::summary).toList();
    }

    /**
     * {@code GET /procos/api/generations/{id}}: everything about a request — status, each attempt
     * with its description and findings, the BPMN, its diagram layout, the policy's findings, the
     * decision and the deployment.
     */
    @GET
    @Path("{id}")
    public Map<String, Object> detail(@PathParam("id") String id) {
        GenerationRecord record = find(id);
        Map<String, Object> body = summary(record);
        body.put("intent", record.intent());
        body.put("initiator", record.initiator());
        body.put("language", record.normalized() == null ? null : record.normalized().language());
        body.put("domain", record.normalized() == null ? record.requestedDomain() : record.normalized().domain());
        body.put("notes", record.normalized() == null ? List.of() : record.normalized().notes());
        body.put("context", ApiJson.plain(record.context()));
        body.put("attempt_details", record.attempts().stream().map(GenerationResource::attempt).toList());
        Attempt last = record.lastAttempt();
        body.put("description", last == null ? null : description(last.description()));
        body.put("findings", last == null ? List.of() : ApiJson.plain(last.findings()));
        body.put("policy_findings", ApiJson.plain(record.policyFindings()));
        body.put("validation_hash", record.validationHash());
        body.put("xml", record.xml());
        body.put("layout", record.xml() == null ? null
                : DiagramLayout.of(Bpmn.readModelFromStream(new ByteArrayInputStream(record.xml().getBytes(StandardCharsets.UTF_8)))));
        body.put("decision", ApiJson.plain(record.decision()));
        body.put("deployment", ApiJson.plain(record.deployment()));
        body.put("timings_ms", record.timingsMs());
        return body;
    }

    /**
     * {@code POST /procos/api/generations/{id}/decision}: an approver approves or rejects the draft
     * ({@code approved}, {@code comment}). 409 when the request is not waiting for a decision.
     */
    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> decide(@PathParam("id") String id, Map<String, Object> json) {
        requireRole("approve or reject a draft", "approver", "admin");
        RequestBody body = RequestBody.of(json, java.util.Set.of("approved", "comment"));
        boolean approved = body.bool("approved").orElseThrow(() -> ApiProblem.unprocessable("approved: required, true or false"));
        String comment = body.string("comment").orElse("");
        if (comment.length() > MAX_COMMENT) {
            throw ApiProblem.unprocessable("comment: " + comment.length() + " characters; at most " + MAX_COMMENT);
        }
        GenerationRecord record = find(id);
        ProcessEngine engine = generation.engine();
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id)
                .taskDefinitionKey(ApprovalLookup.APPROVAL_TASK).active().singleResult();
        if (task == null) {
            throw ApiProblem.conflict("generation " + id + " is not waiting for a decision (status " + record.status() + ")");
        }
        String user = user();
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
            throw ApiProblem.conflict("the approval of generation " + id + " is claimed by " + task.getAssignee());
        }
        EngineUser.as(engine, user, () -> {
            if (task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), user);
            }
            engine.getTaskService().complete(task.getId(), Map.of("approved", approved, "comment", comment));
            return null;
        });
        Map<String, Object> answer = summary(find(id));
        answer.put("decision", approved ? "approved" : "rejected");
        answer.put("decided_by", user);
        return answer;
    }

    private static Map<String, Object> attempt(Attempt attempt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", attempt.number());
        body.put("drafter", attempt.drafter());
        body.put("notes", attempt.notes());
        body.put("findings", ApiJson.plain(attempt.findings()));
        body.put("draft_ms", attempt.draftMs());
        body.put("validate_ms", attempt.validateMs());
        body.put("description", description(attempt.description()));
        return body;
    }

    /** A description in its own JSON form, the one drafters write. */
    private static Object description(ProcessDescription description) {
        return description == null ? null : ApiJson.parse(DescriptionJson.write(description));
    }

    static Map<String, Object> summary(GenerationRecord record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", record.id());
        body.put("status", record.status().name());
        body.put("final", record.status().isFinal());
        body.put("message", record.message());
        body.put("process_key", record.processKey());
        body.put("instance_id", record.instanceId());
        body.put("attempts", record.attempts().size());
        body.put("submitted_at", record.submittedAt().toString());
        body.put("updated_at", record.updatedAt() == null ? null : record.updatedAt().toString());
        body.put("intent_preview", record.intent().length() > 200 ? record.intent().substring(0, 200) + "…" : record.intent());
        return body;
    }

    private GenerationRecord find(String id) {
        return generation.store().find(id).orElseThrow(() -> ApiProblem.notFound("generation '" + id + "' does not exist"));
    }

    private GenerationRecord update(String id, java.util.function.UnaryOperator<GenerationRecord> change) {
        try {
            return generation.store().update(id, change);
        } catch (procos.das.generation.store.UnknownGenerationException e) {
            throw ApiProblem.notFound(e.getMessage());
        }
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }

    private void requireRole(String action, String... roles) {
        for (String role : roles) {
            if (security.isUserInRole(role)) {
                return;
            }
        }
        throw ApiProblem.forbidden("to " + action + " you need one of the roles " + String.join(", ", roles));
    }

    private static String optional(String field, String value, Pattern pattern) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiProblem.unprocessable(field + ": '" + (value.length() > 80 ? value.substring(0, 80) + "…" : value)
                    + "' must match " + pattern.pattern());
        }
        return value;
    }
}
