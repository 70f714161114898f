package procos.das.generation.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import procos.logging.StructuredLogger;

/**
 * The durable audit trail of generated processes: who generated, approved, rejected, deployed or
 * rolled back which process, and when. Each event is one JSON line appended to
 * {@code <dataDir>/generation/audit.jsonl} and on the disk before {@link #append} returns, and is
 * also written as a structured log line. The file is owner-only; a line torn by a crash is
 * skipped when reading and repaired at the next open. Safe for concurrent use; one instance per file.
 */
public final class AuditLog implements AutoCloseable {

    /** Most events one query returns. */
    public static final int MAX_LIMIT = 1_000;

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer server may add fields; older entries must stay readable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final AppendOnlyFile file;

    private AuditLog(AppendOnlyFile file) {
        this.file = file;
    }

    /** Opens (creating it when missing) the audit file at {@code <dataDir>/generation/audit.jsonl}. */
    public static AuditLog inDataDir(Path dataDir) throws IOException {
        return open(dataDir.resolve("generation").resolve("audit.jsonl"));
    }

    /** Opens (creating it when missing) the audit file {@code file}. */
    public static AuditLog open(Path file) throws IOException {
        AppendOnlyFile opened = AppendOnlyFile.open(file, line -> parse(line).isPresent());
        if (opened.repair() != AppendOnlyFile.Repair.NONE) {
            LOG.warn("audit_torn_line_repaired").with("file", opened.path().toString())
                    .with("repair", opened.repair() == AppendOnlyFile.Repair.CUT ? "torn line removed" : "line end added").log();
        }
        return new AuditLog(opened);
    }

    public Path file() {
        return file.path();
    }

    /**
     * Records {@code event}: on the disk when this returns, then logged.
     *
     * @throws IOException when it could not be written; the action it describes should then not go ahead
     */
    public void append(AuditEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        file.append(JSON.writeValueAsString(event));
        LOG.info(event.event().eventName())
                .with("actor", event.actor())
                .with("process_key", event.processKey())
                .with("version", event.version())
                .with("generation_id", event.generationId())
                .with("intent", event.intent())
                .with("validation_hash", event.validationHash())
                .with("details", event.details())
                .log();
    }

    /** The newest events (at most {@code limit}) about process {@code processKey}, newest first. */
    public List<AuditEvent> byProcessKey(String processKey, int limit) throws IOException {
        Objects.requireNonNull(processKey, "processKey");
        return newest(event -> processKey.equals(event.processKey()), limit);
    }

    /** The newest events (at most {@code limit}) of generation run {@code generationId}, newest first. */
    public List<AuditEvent> byGenerationId(String generationId, int limit) throws IOException {
        Objects.requireNonNull(generationId, "generationId");
        return newest(event -> generationId.equals(event.generationId()), limit);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** One pass over the file keeping only the last {@code limit} matches, so memory stays bounded. */
    private List<AuditEvent> newest(Predicate<AuditEvent> matching, int limit) throws IOException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        Deque<AuditEvent> newest = new ArrayDeque<>(limit);
        int unreadable = 0;
        try (BufferedReader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Optional<AuditEvent> event = parse(line);
                if (event.isEmpty()) {
                    // A torn last line (a crash, or an append still being written) or a damaged one.
                    unreadable++;
                } else if (matching.test(event.get())) {
                    if (newest.size() == limit) {
                        newest.removeFirst();
                    }
                    newest.addLast(event.get());
                }
            }
        }
        if (unreadable > 0) {
            LOG.debug("audit_lines_skipped").with("file", file.path().toString()).with("lines", unreadable).log();
        }
        List<AuditEvent> result = new ArrayList<>(newest);
        Collections.reverse(result);
        return result;
    }

    private static Optional<AuditEvent> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(line, AuditEvent.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
