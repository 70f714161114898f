package procos.pde.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.files.AtomicWriter;

/**
 * Keeps learned scores in a small JSON file across restarts. Written atomically (readers and the
 * next boot see the old file or the new one, never half of one). A file that cannot be read at boot
 * is reported, moved aside as {@code <name>.corrupt-<millis>} so nothing is lost and the next save
 * does not overwrite it, and learning starts fresh: a damaged score file never stops a PDE.
 *
 * <pre>{@code
 * {"format": 1, "saved_at": "2025-01-01T00:00:00Z", "scores": [
 *   {"task_type": "summarize", "endpoint_id": "llm-a", "successes": 12.5, "failures": 0.8,
 *    "elapsed_ms_sum": 5210.0, "confidence_sum": 11.9, "confidence_weight": 12.5,
 *    "samples": 40, "validation_failures": 1, "updated_at": "2025-01-01T00:00:00Z"}]}
 * }</pre>
 */
public final class ScoreStore {

    static final int FORMAT = 1;

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.routing");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final InstantSource clock;

    public ScoreStore(Path file, InstantSource clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** The saved scores; none when there is no file yet, or (reported, file moved aside) when it is unreadable. */
    public List<ScoreState> load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return startFresh("cannot be read: " + e.getMessage());
        }
        try {
            List<ScoreState> scores = parse(JSON.readTree(content));
            LOG.info("routing_scores_loaded").with("file", file.toString()).with("scores", scores.size()).log();
            return scores;
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return startFresh("is not a routing score file: " + e.getMessage());
        }
    }

    /** Writes {@code scores}, replacing the file atomically; a failure is logged, never thrown. */
    public void save(List<ScoreState> scores) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("saved_at", clock.instant().toString());
        ArrayNode entries = root.putArray("scores");
        scores.forEach(score -> entries.add(toJson(score)));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicWriter.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        } catch (IOException e) {
            LOG.warn("routing_scores_not_saved").with("file", file.toString()).error(e).log();
        }
    }

    private List<ScoreState> startFresh(String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
        String movedTo;
        try {
            Files.move(file, aside);
            movedTo = aside.toString();
        } catch (IOException e) {
            movedTo = "not moved: " + e.getMessage();
        }
        LOG.warn("routing_scores_unreadable").with("file", file.toString()).with("reason", reason)
                .with("moved_to", movedTo).with("consequence", "learning starts fresh").log();
        return List.of();
    }

    private static ObjectNode toJson(ScoreState score) {
        return JSON.createObjectNode()
                .put("task_type", score.taskType())
                .put("endpoint_id", score.endpointId())
                .put("successes", score.successes())
                .put("failures", score.failures())
                .put("elapsed_ms_sum", score.elapsedMsSum())
                .put("confidence_sum", score.confidenceSum())
                .put("confidence_weight", score.confidenceWeight())
                .put("samples", score.samples())
                .put("validation_failures", score.validationFailures())
                .put("updated_at", score.updatedAt().toString());
    }

    private static List<ScoreState> parse(JsonNode root) {
        if (!root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("expected an object with \"format\": " + FORMAT);
        }
        JsonNode entries = root.path("scores");
        if (!entries.isArray()) {
            throw new IllegalArgumentException("\"scores\" must be a list");
        }
        List<ScoreState> scores = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            scores.add(score(entries.get(i), "scores[" + i + "]"));
        }
        return scores;
    }

    private static ScoreState score(JsonNode entry, String at) {
        return new ScoreState(text(entry, at, "task_type"), text(entry, at, "endpoint_id"),
                weight(entry, at, "successes"), weight(entry, at, "failures"), weight(entry, at, "elapsed_ms_sum"),
                weight(entry, at, "confidence_sum"), weight(entry, at, "confidence_weight"),
                count(entry, at, "samples"), count(entry, at, "validation_failures"),
                Instant.parse(text(entry, at, "updated_at")));
    }

    private static String text(JsonNode entry, String at, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(at + "." + field + " must be a non-blank string");
        }
        return value.textValue();
    }

    private static double weight(JsonNode entry, String at, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(at + "." + field + " must be a number ≥ 0");
        }
        return value.doubleValue();
    }

    private static long count(JsonNode entry, String at, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new IllegalArgumentException(at + "." + field + " must be a whole number ≥ 0");
        }
        return value.longValue();
    }
}
