package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerLogForwardingTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("forward-test");

    private final Logger julLogger = Logger.getLogger("procos.forward-test");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        julLogger.addHandler(handler);
        julLogger.setUseParentHandlers(false);
    }

    @AfterEach
    void detach() {
        julLogger.removeHandler(handler);
    }

    @Test
    void warnAndErrorReachJavaUtilLoggingWithTheSameRedactedLine() {
        try (CapturedLog log = new CapturedLog(); ThresholdOverride all = StructuredLogger.useThreshold(LogLevel.DEBUG)) {
            LOG.debug("quiet").log();
            LOG.info("also_quiet").log();
            LOG.warn("slow_pde").with("token", "t-1").log();
            LOG.error("engine_failed").error(new IllegalStateException("boom")).log();

            assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.SEVERE);
            assertThat(records).extracting(LogRecord::getLoggerName).containsOnly("procos.forward-test");
            assertThat(records.get(0).getMessage()).isEqualTo(log.lines().get(2)).doesNotContain("t-1");
            assertThat(records.get(1).getMessage()).isEqualTo(log.lines().get(3));
        }
    }
}
