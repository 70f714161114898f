package procos.das.knowledge.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import procos.pde.endpoint.files.AtomicWriter;

/**
 * The record of what is indexed, kept in a JSON lines file (one {@link ManifestEntry} per line,
 * sorted by source). Changes are made in memory and written by {@link #save()}, which replaces the
 * file atomically: a reader, or a crash, sees the previous file or the new one, never a mix.
 *
 * <p>The ingestor changes an entry only after the vector store has accepted the change it
 * describes, so the file never claims more than the store holds; at worst, after a crash, it
 * claims less and the next run redoes that work.
 */
public final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Map<String, ManifestEntry> entries = new TreeMap<>();

    private Manifest(Path file) {
        this.file = file;
    }

    /**
     * The manifest in {@code file}, or an empty one if the file does not exist yet.
     *
     * @throws IOException if the file cannot be read, or a line is not a valid entry (named by line
     *                     number): an unreadable manifest stops ingestion rather than letting it
     *                     re-index or delete what it can no longer account for
     */
    public static Manifest load(Path file) throws IOException {
        Manifest manifest = new Manifest(Objects.requireNonNull(file, "file").toAbsolutePath());
        if (!Files.exists(manifest.file)) {
            return manifest;
        }
        try (BufferedReader reader = Files.newBufferedReader(manifest.file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (!line.isBlank()) {
                    ManifestEntry entry = parse(manifest.file, number, line);
                    manifest.entries.put(entry.source(), entry);
                }
            }
        }
        return manifest;
    }

    private static ManifestEntry parse(Path file, int number, String line) throws IOException {
        try {
            return JSON.readValue(line, ManifestEntry.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("manifest " + file + " line " + number + " is not a valid entry: "
                    + Objects.requireNonNullElse(cause.getMessage(), e.getOriginalMessage()).lines().findFirst().orElse(""));
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<ManifestEntry> entry(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    /** Every entry, sorted by source. */
    public synchronized List<ManifestEntry> entries() {
        return List.copyOf(entries.values());
    }

    public synchronized void put(ManifestEntry entry) {
        entries.put(entry.source(), Objects.requireNonNull(entry, "entry"));
    }

    public synchronized void remove(String source) {
        entries.remove(source);
    }

    /** Writes every entry to the file, atomically replacing what was there. */
    public synchronized void save() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (ManifestEntry entry : entries.values()) {
            lines.append(JSON.writeValueAsString(entry)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicWriter.write(file, lines.toString().getBytes(StandardCharsets.UTF_8), true);
    }
}
