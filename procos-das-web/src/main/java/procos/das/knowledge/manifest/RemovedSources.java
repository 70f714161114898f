package procos.das.knowledge.manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import procos.pde.endpoint.files.AtomicWriter;

/**
 * The sources a user removed, and when, kept in a JSON file beside the manifest: every later run over
 * their folder (the boot's preload, a re-index) leaves them out until they are added again by
 * themselves (an upload, a reference or a re-index of that one source).
 */
public final class RemovedSources {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final Map<String, Instant> removed = new TreeMap<>();

    /** No file: nothing is ever removed (tools and tests that ingest without users). */
    public static RemovedSources none() {
        return new RemovedSources(null);
    }

    public RemovedSources(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                removed.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Instant>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("removed sources " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    public synchronized Map<String, Instant> all() {
        return Map.copyOf(removed);
    }

    public synchronized boolean contains(String source) {
        return removed.containsKey(source);
    }

    public synchronized void add(String source) throws IOException {
        removed.put(source, Instant.now());
        save();
    }

    public synchronized void forget(String source) throws IOException {
        if (removed.remove(source) != null) {
            save();
        }
    }

    private void save() throws IOException {
        if (file == null) {
            throw new IllegalStateException("no file to keep removed sources in");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicWriter.write(file, JSON.writeValueAsBytes(removed), true);
    }
}
