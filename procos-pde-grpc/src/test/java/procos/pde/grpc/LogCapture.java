package procos.pde.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

/**
 * Captures structured log lines while open. Server-side events may be written just after the
 * client has its answer, so lookups wait for the line instead of asserting at once.
 */
final class LogCapture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps forwarded WARN/ERROR lines out of the test console; held so JUL cannot drop the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final InMemorySink sink = new InMemorySink();
    private final SinkOverride override = StructuredLogger.useSink(sink);

    List<JsonNode> events() {
        return sink.lines().stream().map(LogCapture::parse).toList();
    }

    /** The first event named {@code event} matching {@code filter}, waiting up to five seconds for it. */
    JsonNode await(String event, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode line : events()) {
                if (event.equals(line.path("event").asText()) && filter.test(line)) {
                    return line;
                }
            }
            sleep();
        }
        throw new AssertionError("no " + event + " event matching the filter in " + sink.lines());
    }

    JsonNode await(String event) {
        return await(event, line -> true);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not valid JSON: " + line, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        override.close();
    }
}
