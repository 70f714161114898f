package procos.das.generation.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import procos.kernel.config.OwnerOnlyFile;

/**
 * Generation records as one owner-only JSON file each ({@code <id>.json}), replaced in one step
 * (written aside, forced to disk, renamed), so a crash leaves the previous or the new record,
 * never half of one; a step that is retried after a crash finds what it had written. Ids are UUIDs
 * and are checked before any path is built from them.
 */
public final class GenerationStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path directory;
    private final Clock clock;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public GenerationStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Stores a new request and returns it with its id. */
    public GenerationRecord create(String intent, String initiator, String domain, String processKey) {
        GenerationRecord record = GenerationRecord.submitted(UUID.randomUUID().toString(), intent, initiator, domain, processKey, clock.instant());
        write(record);
        return record;
    }

    public Optional<GenerationRecord> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = file(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), GenerationRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("generation record " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    public GenerationRecord get(String id) throws UnknownGenerationException {
        return find(id).orElseThrow(() -> new UnknownGenerationException(id));
    }

    /** Applies {@code change} to the stored record and stores the result; one change at a time per record. */
    public GenerationRecord update(String id, UnaryOperator<GenerationRecord> change) throws UnknownGenerationException {
        synchronized (locks.computeIfAbsent(id, key -> new Object())) {
            GenerationRecord changed = change.apply(get(id)).touched(clock.instant());
            write(changed);
            return changed;
        }
    }

    /** The newest {@code limit} records, newest first. */
    public List<GenerationRecord> recent(int limit) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(directory)) {
            listed.filter(path -> path.getFileName().toString().endsWith(".json")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("generation records cannot be listed: " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(GenerationStore::modified).reversed());
        return files.stream().limit(limit)
                .map(path -> path.getFileName().toString().replace(".json", ""))
                .map(this::find).flatMap(Optional::stream)
                .sorted(Comparator.comparing(GenerationRecord::submittedAt).reversed())
                .toList();
    }

    private void write(GenerationRecord record) {
        try {
            OwnerOnlyFile.write(file(record.id()), JSON.writeValueAsString(record));
        } catch (IOException e) {
            throw new UncheckedIOException("generation record " + record.id() + " cannot be written: " + e.getMessage(), e);
        }
    }

    private Path file(String id) {
        return directory.resolve(id + ".json");
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
