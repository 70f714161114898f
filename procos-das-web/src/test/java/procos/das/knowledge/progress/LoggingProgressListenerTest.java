package procos.das.knowledge.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

class LoggingProgressListenerTest {

    @Test
    void logsKnowledgeProgressWithCountsRateAndEta() {
        InMemorySink sink = new InMemorySink();
        List<ProgressSnapshot> seen = new ArrayList<>();
        try (SinkOverride ignored = StructuredLogger.useSink(sink)) {
            ProgressTracker tracker = new ProgressTracker(new LoggingProgressListener(Duration.ZERO).and(seen::add), 2, 1000);
            tracker.chunksEmbedded(10);
            tracker.sourceDone(400);
            tracker.finish();
        }

        List<String> lines = sink.lines().stream().filter(line -> line.contains("\"knowledge_progress\"")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"sources_done\":1", "\"sources_total\":2", "\"chunks_done\":10",
                "\"bytes_done\":400", "\"bytes_total\":1000", "\"chunks_per_s\":", "\"eta_ms\":", "\"finished\":false");
        assertThat(lines.get(2)).contains("\"finished\":true", "\"eta_ms\":0");
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).eta()).isPresent();
        assertThat(seen.get(1).chunksPerSecond()).isPositive();
    }

    @Test
    void logsAtMostOncePerIntervalButAlwaysTheLastSnapshot() {
        InMemorySink sink = new InMemorySink();
        try (SinkOverride ignored = StructuredLogger.useSink(sink)) {
            ProgressTracker tracker = new ProgressTracker(new LoggingProgressListener(Duration.ofHours(1)), 100, 0);
            for (int i = 0; i < 100; i++) {
                tracker.chunksEmbedded(1);
            }
            tracker.finish();
        }

        assertThat(sink.lines().stream().filter(line -> line.contains("\"knowledge_progress\""))).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotFailTheRun() {
        ProgressTracker tracker = new ProgressTracker(snapshot -> {
            throw new IllegalStateException("listener broke");
        }, 1, 0);

        tracker.sourceDone(0);

        assertThat(tracker.finish().sourcesDone()).isEqualTo(1);
    }
}
