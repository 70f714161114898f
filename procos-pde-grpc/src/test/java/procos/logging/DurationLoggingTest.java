package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurationLoggingTest {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("duration-test");

    @Test
    void anExplicitDurationIsRecordedInMilliseconds() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("kernel_ready").durationMs(42).log();

            assertThat(log.single().get("duration_ms").isIntegralNumber()).isTrue();
            assertThat(log.single().get("duration_ms").asLong()).isEqualTo(42);
        }
    }

    @Test
    void durationSinceRecordsTheMillisecondsElapsedSinceAStartFromNanoTime() {
        try (CapturedLog log = new CapturedLog()) {
            long started = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(250);
            long before = System.nanoTime();
            LOG.info("task_done").durationSince(started).log();
            long upperBound = 250 + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;

            assertThat(log.single().get("duration_ms").asLong()).isBetween(250L, upperBound);
        }
    }
}
