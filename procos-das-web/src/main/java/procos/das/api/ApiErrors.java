package procos.das.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import procos.logging.StructuredLogger;

/**
 * Every failure of the ProcOS API as JSON — {@code status}, {@code error}, {@code message} — and never
 * a stack trace. A failure that is not the client's gets an error id that the log line carries
 * with the details.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("api");

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return answer(problem.status(), problem.reason(), problem.getMessage());
        }
        if (failure instanceof AuthorizationException denied) {
            // The engine's authorizations said no to the signed-in user: their answer, not a server failure.
            return answer(403, "Forbidden", denied.getMessage());
        }
        if (failure instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return answer(status.getStatusCode(), status.getReasonPhrase(), status.getReasonPhrase());
        }
        if (failure instanceof JsonbException || failure instanceof ProcessingException) {
            return answer(400, "Bad Request", "the body is not valid JSON for this resource");
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("api_request_failed").with("error_id", errorId).error(failure).log();
        return answer(500, "Internal Server Error", "the request failed on the server; error id " + errorId + " in the log");
    }

    private static Response answer(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
