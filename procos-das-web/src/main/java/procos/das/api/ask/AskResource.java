package procos.das.api.ask;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.das.api.knowledge.KnowledgeServices;
import procos.kernel.Kernel;
import procos.kernel.security.Role;

/** Questions to the knowledge base: answered now within a deadline, or by the durable {@code rag_query} process. */
@Path("/ask")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ask", description = "Answers from the knowledge base, with their sources")
public class AskResource {

    @Inject
    KnowledgeServices knowledge;

    @Inject
    Kernel kernel;

    @Context
    SecurityContext security;

    /** {@code POST /procos/api/ask}: answers within {@code timeout_ms}, with the passages it cites. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answers a question from the knowledge base, citing its sources")
    @APIResponse(responseCode = "200", description = "The answer (method not_found with no sources when nothing is relevant)")
    @APIResponse(responseCode = "422", description = "Empty or oversized question, unknown field, bad top_k or timeout_ms")
    @APIResponse(responseCode = "504", description = "No answer within timeout_ms")
    public AskAnswer ask(Map<String, Object> body) {
        AskRequest request = AskRequest.from(body);
        AskAnswers answers = new AskAnswers(knowledge.folder());
        return Deadline.call(knowledge.executor(), request.timeout(), () -> {
            long started = System.nanoTime();
            var answer = knowledge.knowledgeBase().rag().ask(request.question());
            return answers.of(answer, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** {@code POST /procos/api/ask/async}: starts the {@code rag_query} process for the question; its id is the question's. */
    @POST
    @Path("async")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Asks through the durable rag_query process; poll GET /ask/{id}")
    @APIResponse(responseCode = "202", description = "Started; Location is the question's URL")
    @APIResponse(responseCode = "422", description = "Empty or oversized question, unknown field, bad top_k")
    public Response askLater(Map<String, Object> body) {
        AskRequest request = AskRequest.from(body);
        AskState started = questions().start(request, security.getUserPrincipal().getName());
        return Response.accepted(started).location(URI.create("ask/" + started.id())).build();
    }

    /** {@code GET /procos/api/ask/{id}}: where a question asked with {@code POST /ask/async} stands, with its answer once done. */
    @GET
    @Path("{id}")
    @Operation(summary = "A question asked with POST /ask/async: running, done (with its answer) or failed")
    @APIResponse(responseCode = "200", description = "The question's state")
    @APIResponse(responseCode = "404", description = "No such question, or another user's")
    public AskState state(@PathParam("id") String id) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiProblem.notFound("id: no question '" + id.substring(0, Math.min(64, id.length())) + "'");
        }
        return questions().state(id, security.getUserPrincipal().getName(), security.isUserInRole(Role.ADMIN.groupId()));
    }

    private AsyncQuestions questions() {
        ProcessEngine engine = kernel.engine().orElseThrow(() -> ApiProblem.conflict("the kernel's engine is not running")).engine();
        return new AsyncQuestions(engine, new AskAnswers(knowledge.folder()));
    }
}
