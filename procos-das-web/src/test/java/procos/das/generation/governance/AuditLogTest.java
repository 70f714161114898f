package procos.das.generation.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;

class AuditLogTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    @TempDir
    Path dataDir;

    private final InMemorySink logged = new InMemorySink();
    private SinkOverride sink;

    @BeforeEach
    void captureLog() {
        sink = StructuredLogger.useSink(logged);
    }

    @AfterEach
    void restoreLog() {
        sink.close();
    }

    private static AuditEvent event(AuditEventType type, String key, String generationId, int second) {
        return new AuditEvent(T0.plusSeconds(second), type, "alice", key, null, generationId, "send invoices monthly",
                "sha256:abc", null);
    }

    @Test
    void eventsAreKeptInTheDataDirectoryAndReadBackNewestFirstByProcessKey() throws Exception {
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            log.append(event(AuditEventType.PROCESS_GENERATED, "invoices", "g1", 0));
            log.append(event(AuditEventType.PROCESS_GENERATED, "payroll", "g2", 1));
            log.append(event(AuditEventType.PROCESS_APPROVED, "invoices", "g1", 2).withDetails("looks right"));
            log.append(event(AuditEventType.PROCESS_DEPLOYED, "invoices", "g1", 3).withVersion(4));

            List<AuditEvent> invoices = log.byProcessKey("invoices", 10);

            assertThat(log.file()).isEqualTo(dataDir.resolve("generation").resolve("audit.jsonl").toAbsolutePath());
            assertThat(invoices).extracting(AuditEvent::event).containsExactly(AuditEventType.PROCESS_DEPLOYED,
                    AuditEventType.PROCESS_APPROVED, AuditEventType.PROCESS_GENERATED);
            assertThat(invoices.get(0)).isEqualTo(event(AuditEventType.PROCESS_DEPLOYED, "invoices", "g1", 3).withVersion(4));
            assertThat(invoices.get(1).details()).isEqualTo("looks right");
            assertThat(log.byGenerationId("g2", 10)).extracting(AuditEvent::processKey).containsExactly("payroll");
        }
    }

    @Test
    void aQueryReturnsAtMostItsLimitOfTheNewestEvents() throws Exception {
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            for (int i = 0; i < 7; i++) {
                log.append(event(AuditEventType.PROCESS_DEPLOYED, "invoices", "g1", i).withVersion(i + 1));
            }

            assertThat(log.byProcessKey("invoices", 3)).extracting(AuditEvent::version).containsExactly(7, 6, 5);
            assertThatThrownBy(() -> log.byProcessKey("invoices", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> log.byProcessKey("invoices", AuditLog.MAX_LIMIT + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eachLineIsOneJsonObjectWithSnakeCaseFields() throws Exception {
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            log.append(event(AuditEventType.PROCESS_ROLLED_BACK, "invoices", null, 0).withVersion(3).withDetails("to v2"));

            List<String> lines = Files.readAllLines(log.file());

            assertThat(lines).hasSize(1);
            JsonNode line = new ObjectMapper().readTree(lines.get(0));
            assertThat(line.get("time").asText()).isEqualTo("2025-03-01T10:15:30Z");
            assertThat(line.get("event").asText()).isEqualTo("process_rolled_back");
            assertThat(line.get("actor").asText()).isEqualTo("alice");
            assertThat(line.get("process_key").asText()).isEqualTo("invoices");
            assertThat(line.get("version").asInt()).isEqualTo(3);
            assertThat(line.get("validation_hash").asText()).isEqualTo("sha256:abc");
            assertThat(line.has("generation_id")).isFalse();
        }
    }

    @Test
    void aTornLastLineIsSkippedOnReadAndRepairedAtTheNextOpen() throws Exception {
        Path file;
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            log.append(event(AuditEventType.PROCESS_GENERATED, "invoices", "g1", 0));
            log.append(event(AuditEventType.PROCESS_APPROVED, "invoices", "g1", 1));
            file = log.file();
            // A crash in the middle of the third append.
            Files.writeString(file, "{\"time\":\"2025-03-01T10:15:32Z\",\"event\":\"process_depl", StandardOpenOption.APPEND);

            assertThat(log.byProcessKey("invoices", 10)).extracting(AuditEvent::event)
                    .containsExactly(AuditEventType.PROCESS_APPROVED, AuditEventType.PROCESS_GENERATED);
        }

        try (AuditLog reopened = AuditLog.open(file)) {
            reopened.append(event(AuditEventType.PROCESS_DEPLOYED, "invoices", "g1", 3));

            assertThat(reopened.byProcessKey("invoices", 10)).extracting(AuditEvent::event).containsExactly(
                    AuditEventType.PROCESS_DEPLOYED, AuditEventType.PROCESS_APPROVED, AuditEventType.PROCESS_GENERATED);
            assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            assertThat(logged.lines()).anySatisfy(line -> assertThat(line)
                    .contains("\"event\":\"audit_torn_line_repaired\"").contains("torn line removed"));
        }
    }

    @Test
    void aWholeLastRecordMissingOnlyItsLineEndIsKept() throws Exception {
        Path file = dataDir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            log.append(event(AuditEventType.PROCESS_GENERATED, "invoices", "g1", 0));
        }
        String content = Files.readString(file);
        Files.writeString(file, content.substring(0, content.length() - 1));

        try (AuditLog reopened = AuditLog.open(file)) {
            reopened.append(event(AuditEventType.PROCESS_APPROVED, "invoices", "g1", 1));

            assertThat(reopened.byProcessKey("invoices", 10)).hasSize(2);
        }
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        int threads = 8;
        int perThread = 40;
        // Long text makes each line span several buffers, so mixing would show.
        String longIntent = "x".repeat(5_000);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "process-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(event(AuditEventType.PROCESS_GENERATED, key, key + "-" + i, i).withIntent(longIntent));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }

            List<String> lines = Files.readAllLines(log.file());
            assertThat(lines).hasSize(threads * perThread);
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                assertThat(json.readTree(line).get("intent").asText()).isEqualTo(longIntent);
            }
            for (int t = 0; t < threads; t++) {
                assertThat(log.byProcessKey("process-" + t, AuditLog.MAX_LIMIT)).hasSize(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFileAndItsDirectoryAreOwnerOnly() throws Exception {
        assumeTrue(AppendOnlyFile.POSIX, "the file system has no POSIX permissions");
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            log.append(event(AuditEventType.PROCESS_GENERATED, "invoices", "g1", 0));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file().getParent()))).isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingFileWithWiderPermissionsIsNarrowedToTheOwner() throws Exception {
        assumeTrue(AppendOnlyFile.POSIX, "the file system has no POSIX permissions");
        Path file = dataDir.resolve("audit.jsonl");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-r--")));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        try (AuditLog log = AuditLog.open(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void everyEventIsAlsoAStructuredLogLine() throws Exception {
        try (AuditLog log = AuditLog.inDataDir(dataDir)) {
            log.append(event(AuditEventType.PROCESS_REJECTED, "invoices", "g7", 0).withDetails("wrong approver"));
        }

        assertThat(logged.lines()).anySatisfy(line -> {
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.get("event").asText()).isEqualTo("process_rejected");
            assertThat(json.get("process_key").asText()).isEqualTo("invoices");
            assertThat(json.get("generation_id").asText()).isEqualTo("g7");
            assertThat(json.get("details").asText()).isEqualTo("wrong approver");
        });
    }

    @Test
    void anEventWithoutActorOrProcessKeyIsRefused() {
        assertThatThrownBy(() -> AuditEvent.now(AuditEventType.PROCESS_APPROVED, " ", "invoices"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> AuditEvent.now(AuditEventType.PROCESS_APPROVED, "alice", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process key");
    }

    @Test
    void overlongTextIsCappedSoOneEventCannotFloodTheTrail() {
        AuditEvent event = AuditEvent.now(AuditEventType.PROCESS_GENERATED, "alice", "invoices")
                .withIntent("y".repeat(AuditEvent.MAX_TEXT * 2));

        assertThat(event.intent()).hasSizeLessThan(AuditEvent.MAX_TEXT + 20).endsWith("(truncated)");
    }
}
