package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkFailureTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("failure-test");

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void captureStderr() {
        LogOutput.resetFailureReport();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
        LogOutput.resetFailureReport();
    }

    @Test
    void aFailingSinkNeverThrowsIntoTheCallerAndItsLinesGoToStderr() {
        LogSink broken = line -> {
            throw new IllegalStateException("disk full");
        };
        try (SinkOverride override = StructuredLogger.useSink(broken)) {
            assertThatCode(() -> {
                LOG.info("first").log();
                LOG.error("second").with("password", "hunter2").log();
            }).doesNotThrowAnyException();
        }

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr.lines().filter(l -> l.startsWith("{")))
                .hasSize(2)
                .allSatisfy(l -> CapturedLog.parse(l));
        assertThat(stderr).contains("\"event\":\"first\"", "\"event\":\"second\"").doesNotContain("hunter2");
    }

    @Test
    void theReasonForFallingBackIsReportedOnlyOnce() {
        LogSink broken = line -> {
            throw new IllegalStateException("disk full");
        };
        try (SinkOverride override = StructuredLogger.useSink(broken)) {
            for (int i = 0; i < 5; i++) {
                LOG.info("again").log();
            }
        }

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr.lines().filter(l -> l.contains("disk full"))).hasSize(1);
    }

    @Test
    void closingAnOverrideRestoresThePreviousSink() {
        InMemorySink outer = new InMemorySink();
        InMemorySink inner = new InMemorySink();
        try (SinkOverride o = StructuredLogger.useSink(outer)) {
            try (SinkOverride i = StructuredLogger.useSink(inner)) {
                LOG.info("to_inner").log();
            }
            LOG.info("to_outer").log();
        }

        assertThat(inner.lines()).singleElement().asString().contains("to_inner");
        assertThat(outer.lines()).singleElement().asString().contains("to_outer");
    }
}
