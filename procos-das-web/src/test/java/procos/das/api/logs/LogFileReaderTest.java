package procos.das.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.api.ApiProblem;

class LogFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void theNewestMatchingEntriesComeBackOldestFirstAcrossManyBlocks() throws Exception {
        Path file = dir.resolve("procos.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            lines.add(line(i % 2 == 0 ? "kernel" : "pde.routing", i % 3 == 0 ? "WARN" : "INFO", "event_" + i, "c" + (i % 10), "padding-" + "x".repeat(40)));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isGreaterThan(3L * LogFileReader.BLOCK);

        List<Map<String, Object>> last = new LogFileReader(Long.MAX_VALUE).last(file, LogQuery.of(null, null, null, null), 3);
        assertThat(last).extracting(entry -> entry.get("event")).containsExactly("event_4997", "event_4998", "event_4999");

        List<Map<String, Object>> warnings = new LogFileReader(Long.MAX_VALUE).last(file, LogQuery.of("pde", "warn", null, null), 2);
        assertThat(warnings).extracting(entry -> entry.get("event")).containsExactly("event_4989", "event_4995");

        List<Map<String, Object>> correlated = new LogFileReader(Long.MAX_VALUE).last(file, LogQuery.of("kernel", null, "c4", null), 1000);
        assertThat(correlated).hasSize(500).allSatisfy(entry -> assertThat(entry.get("correlation_id")).isEqualTo("c4"));
        assertThat(correlated.get(0).get("event")).isEqualTo("event_4");
    }

    @Test
    void aFilterThatMatchesLittleStopsAtTheScanBound() throws Exception {
        Path file = dir.resolve("procos.jsonl");
        List<String> lines = new ArrayList<>();
        lines.add(line("kernel", "ERROR", "early_failure", null, "x"));
        for (int i = 0; i < 3_000; i++) {
            lines.add(line("kernel", "INFO", "tick", null, "y".repeat(60)));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThat(new LogFileReader(LogFileReader.BLOCK).last(file, LogQuery.of(null, "ERROR", null, null), 10)).isEmpty();
        assertThat(new LogFileReader(Long.MAX_VALUE).last(file, LogQuery.of(null, "ERROR", null, null), 10))
                .extracting(entry -> entry.get("event")).containsExactly("early_failure");
    }

    @Test
    void foreignAndUnfinishedLinesAreSkippedAndAMissingFileHasNoEntries() throws Exception {
        Path file = dir.resolve("procos.jsonl");
        Files.writeString(file, "not json\n" + line("kernel", "INFO", "kept", null, "") + "\n[1,2]\n{\"ts\":\"cut", StandardCharsets.UTF_8);

        assertThat(new LogFileReader(Long.MAX_VALUE).last(file, LogQuery.of(null, null, null, null), 10))
                .extracting(entry -> entry.get("event")).containsExactly("kept");
        assertThat(new LogFileReader(Long.MAX_VALUE).last(dir.resolve("absent.jsonl"), LogQuery.of(null, null, null, null), 10)).isEmpty();
    }

    @Test
    void theFollowerDeliversOnlyCompleteLinesAppendedAfterItStartedAndMatchingItsFilter() throws Exception {
        Path file = dir.resolve("procos.jsonl");
        Files.writeString(file, line("kernel", "INFO", "before", null, "") + "\n");
        LogFollower follower = new LogFollower(file, LogQuery.of(null, null, null, "pi-1"));
        assertThat(follower.poll()).isEmpty();

        append(file, line("engine", "INFO", "mine", null, "").replace("\"process_instance_id\":null", "\"process_instance_id\":\"pi-1\"") + "\n");
        append(file, line("engine", "INFO", "other", null, "") + "\n");
        String half = line("engine", "INFO", "late", null, "").replace("\"process_instance_id\":null", "\"process_instance_id\":\"pi-1\"");
        append(file, half.substring(0, 20));
        assertThat(follower.poll()).extracting(entry -> entry.get("event")).containsExactly("mine");

        append(file, half.substring(20) + "\n");
        assertThat(follower.poll()).extracting(entry -> entry.get("event")).containsExactly("late");
        assertThat(follower.poll()).isEmpty();
    }

    @Test
    void aTailSendsNewEntriesAndHeartbeatsAndEndsWhenTheClientGoesAway() throws Exception {
        Path file = dir.resolve("procos.jsonl");
        Files.writeString(file, "");
        RecordingClient client = new RecordingClient(3);
        LogFollower follower = new LogFollower(file, LogQuery.of(null, null, null, null));
        append(file, line("kernel", "INFO", "first", null, "") + "\n");

        new LogTail(follower, client, 1, 2).run();

        assertThat(client.events).hasSize(3);
        assertThat(client.events.get(0)).startsWith("log:").contains("\"event\":\"first\"");
        assertThat(client.events.subList(1, 3)).containsOnly("heartbeat");
    }

    @Test
    void malformedFiltersAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> LogQuery.of(null, "LOUD", null, null)).hasMessageStartingWith("level:")
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
        assertThatThrownBy(() -> LogQuery.of("a\u0000b", null, null, null)).hasMessageStartingWith("component:");
    }

    /** Accepts {@code capacity} events, then reports the client gone. */
    private static final class RecordingClient implements LogTail.Client {

        final List<String> events = new ArrayList<>();
        private final int capacity;

        RecordingClient(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean send(String event, String data) {
            return record(event + ":" + data);
        }

        @Override
        public boolean heartbeat() {
            return record("heartbeat");
        }

        @Override
        public boolean isClosed() {
            return events.size() >= capacity;
        }

        private boolean record(String event) {
            if (isClosed()) {
                return false;
            }
            events.add(event);
            return true;
        }
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String line(String component, String level, String event, String correlationId, String note) {
        return "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"level\":\"" + level + "\",\"component\":\"" + component + "\",\"event\":\"" + event
                + "\",\"correlation_id\":" + (correlationId == null ? "null" : "\"" + correlationId + "\"")
                + ",\"process_instance_id\":null,\"note\":\"" + note + "\"}";
    }
}
