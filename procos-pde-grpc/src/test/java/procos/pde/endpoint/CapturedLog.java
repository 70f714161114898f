package procos.pde.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

/**
 * Captures structured log lines for each test ({@code @RegisterExtension}), so endpoint tests can
 * check the one event per call and that no body or content reached a log line.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps forwarded WARN lines out of the test console; held so JUL cannot drop the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final InMemorySink sink = new InMemorySink();
    private SinkOverride override;

    @Override
    public void beforeEach(ExtensionContext context) {
        sink.clear();
        override = StructuredLogger.useSink(sink);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        override.close();
    }

    public List<String> lines() {
        return sink.lines();
    }

    /** Every captured event named {@code event}, parsed. */
    public List<JsonNode> events(String event) {
        return sink.lines().stream().map(CapturedLog::parse)
                .filter(line -> event.equals(line.path("event").asText())).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not valid JSON: " + line, e);
        }
    }
}
