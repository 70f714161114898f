package procos.das.api.logs;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.logging.StructuredLogger;

/** The server's structured JSON log: recent entries with filters, and a live tail over Server-Sent Events. */
@Path("/logs")
@Tag(name = "Logs", description = "The server's structured log")
public class LogResource {

    static final int MAX_LIMIT = 1_000;
    /** How far back a history request looks at most. */
    static final long MAX_SCAN_BYTES = 16L * 1024 * 1024;
    static final long POLL_MILLIS = 500;
    /** 15 s of quiet polls. */
    static final int HEARTBEAT_POLLS = 30;

    @Inject
    LogTails tails;

    /** {@code GET /procos/api/logs?component=&level=&correlation_id=&process_instance=&limit=}: newest last. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent log entries", description = "Read backwards from the end of the log file; newest last")
    @APIResponse(responseCode = "200", description = "Entries with every field as written")
    @APIResponse(responseCode = "400", description = "A malformed filter, named")
    @APIResponse(responseCode = "404", description = "The server logs to stdout: there is no log file to read")
    public LogEntries history(@Parameter(description = "A component; its sub-components too") @QueryParam("component") String component,
                              @Parameter(description = "Minimum level: DEBUG, INFO, WARN, ERROR") @QueryParam("level") String level,
                              @QueryParam("correlation_id") String correlationId,
                              @QueryParam("process_instance") String processInstance,
                              @Parameter(description = "1 to 1000") @QueryParam("limit") @DefaultValue("200") String limit) throws IOException {
        LogQuery query = LogQuery.of(component, level, correlationId, processInstance);
        int count = limit(limit);
        return new LogEntries(new LogFileReader(MAX_SCAN_BYTES).last(logFile(), query, count));
    }

    /**
     * {@code GET /procos/api/logs/stream?component=&level=&correlation_id=&process_instance=}: a
     * {@code log} event per new matching entry, a heartbeat comment every 15 s; 503 when too many tails run.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the log live", description = "Server-Sent Events: event 'log' with the entry's JSON; heartbeat comments")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "400", description = "A malformed filter, named")
    @APIResponse(responseCode = "503", description = "Too many live tails are open")
    public void stream(@QueryParam("component") String component, @QueryParam("level") String level,
                       @QueryParam("correlation_id") String correlationId, @QueryParam("process_instance") String processInstance,
                       @Context SseEventSink sink, @Context Sse sse) throws IOException {
        LogQuery query = LogQuery.of(component, level, correlationId, processInstance);
        SseClient client = new SseClient(sink, sse);
        LogTail tail = new LogTail(new LogFollower(logFile(), query), client, POLL_MILLIS, HEARTBEAT_POLLS);
        if (!tails.start(() -> {
            try {
                // A first comment sends the headers at once, so the client knows the tail is open.
                if (client.heartbeat()) {
                    tail.run();
                }
            } finally {
                sink.close();
            }
        })) {
            throw new ServiceUnavailableException("at most " + LogTails.MAX + " live log tails may be open at once");
        }
    }

    private static java.nio.file.Path logFile() {
        return StructuredLogger.logFile().orElseThrow(() ->
                ApiProblem.notFound("the server logs to standard output, not to a file; set procos.log.file to read it here"));
    }

    private static int limit(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiProblem.badRequest("limit: a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
}
