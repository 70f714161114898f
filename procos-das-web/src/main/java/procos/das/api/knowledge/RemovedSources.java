package procos.das.api.knowledge;

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
 * The sources a user removed, and when, kept in a JSON file: a removed source stays listed (status
 * {@code removed}) and a re-index of its folder leaves it out, until it is re-indexed by itself.
 */
public final class RemovedSources {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final Map<String, Instant> removed = new TreeMap<>();

    public RemovedSources(Path file) {
        this.file = file;
        if (Files.exists(file)) {
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
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicWriter.write(file, JSON.writeValueAsBytes(removed), true);
    }
}
