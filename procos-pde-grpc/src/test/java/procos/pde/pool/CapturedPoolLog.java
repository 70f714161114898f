package procos.pde.pool;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

/**
 * Captures log lines for the duration of each test ({@code @RegisterExtension}), keeping the
 * console clean and letting tests assert on what was logged.
 */
final class CapturedPoolLog implements BeforeEachCallback, AfterEachCallback {

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

    List<String> lines() {
        return sink.lines();
    }
}
