package procos.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Captures the lines logged while open and parses them back with Jackson, as a log shipper would. */
final class CapturedLog implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps forwarded WARN/ERROR lines out of the test console; held so JUL cannot drop the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final InMemorySink sink = new InMemorySink();
    private final SinkOverride override = StructuredLogger.useSink(sink);

    List<String> lines() {
        return sink.lines();
    }

    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sink.lines()) {
            events.add(parse(line));
        }
        return events;
    }

    JsonNode single() {
        List<JsonNode> events = events();
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one line but got " + sink.lines());
        }
        return events.get(0);
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not valid JSON: " + line, e);
        }
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public void close() {
        override.close();
    }
}
