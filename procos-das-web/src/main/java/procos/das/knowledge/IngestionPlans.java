package procos.das.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import procos.pde.endpoint.files.AtomicWriter;

/**
 * The plans of preload runs in progress, one JSON file each under a folder of the knowledge base,
 * so the tasks of one {@code knowledge_preload} instance find their plan by id even across a
 * server restart. A plan is removed when its run finishes.
 */
public final class IngestionPlans {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path folder;

    public IngestionPlans(Path folder) {
        this.folder = folder;
    }

    /** Stores {@code plan}; returns its id. */
    public String save(IngestionPlan plan) throws IOException {
        String id = UUID.randomUUID().toString();
        Files.createDirectories(folder);
        AtomicWriter.write(file(id), JSON.writeValueAsBytes(plan), false);
        return id;
    }

    /** The plan stored under {@code id}; empty for an unknown (or malformed) id. */
    public Optional<IngestionPlan> find(String id) throws IOException {
        if (!ID.matcher(id).matches() || !Files.isRegularFile(file(id))) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file(id).toFile(), IngestionPlan.class));
    }

    public void remove(String id) throws IOException {
        if (ID.matcher(id).matches()) {
            Files.deleteIfExists(file(id));
        }
    }

    private Path file(String id) {
        return folder.resolve(id + ".json");
    }
}
