package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.logging.CapturedLog.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorLoggingTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("error-test");

    @Test
    void anErrorIsWrittenAsClassAndMessageFollowedByItsCauses() {
        Exception failure = new IllegalStateException("engine failed",
                new UncheckedIOException("db down", new IOException("connection refused")));
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("engine_failed").error(failure).with("attempt", 2).log();

            JsonNode line = log.single();
            assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: engine failed");
            assertThat(line.get("error_chain").isArray()).isTrue();
            assertThat(line.get("error_chain")).extracting(JsonNode::asText).containsExactly(
                    "java.io.UncheckedIOException: db down",
                    "java.io.IOException: connection refused");
            assertThat(keys(line)).containsSubsequence("duration_ms", "error", "error_chain", "attempt");
        }
    }

    @Test
    void anErrorWithoutMessageIsWrittenAsItsClassNameWithAnEmptyChain() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("npe").error(new NullPointerException()).log();

            JsonNode line = log.single();
            assertThat(line.get("error").asText()).isEqualTo("java.lang.NullPointerException");
            assertThat(line.get("error_chain").isArray()).isTrue();
            assertThat(line.get("error_chain")).isEmpty();
        }
    }

    @Test
    void noStackTraceEndsUpInTheLine() {
        Exception failure = new RuntimeException("outer", new SQLException("inner"));
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("failed").error(failure).log();

            String line = log.lines().get(0);
            assertThat(line).doesNotContain("\tat ").doesNotContain("at procos.")
                    .doesNotContain("ErrorLoggingTest.java").doesNotContain("Caused by");
            assertThat(log.lines()).hasSize(1);
        }
    }

    @Test
    void aCyclicCauseChainIsWrittenOnceAndTerminates() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("cyclic").error(a).log();

            assertThat(log.single().get("error_chain")).extracting(JsonNode::asText)
                    .containsExactly("java.lang.RuntimeException: b");
        }
    }

    @Test
    void anEventWithoutErrorHasNoErrorKeys() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.error("plain").log();

            assertThat(log.single().has("error")).isFalse();
            assertThat(log.single().has("error_chain")).isFalse();
        }
    }
}
