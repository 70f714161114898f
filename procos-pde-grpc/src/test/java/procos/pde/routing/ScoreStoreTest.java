package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pool.RouterConfig;
import procos.pde.v1.Attempt;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

class ScoreStoreTest {


    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    @RegisterExtension
    final CapturedLog log = new CapturedLog();


    @Test
    void savedScoresComeBackExactly() {
        ScoreBoard learned = new ScoreBoard(Duration.ofMinutes(10), clock);
        learned.record("summarize", "llm-a", AttemptResult.SUCCESS, 120, OptionalDouble.of(0.9));
        clock.advance(Duration.ofMinutes(3));
        learned.record("summarize", "llm-a", AttemptResult.REFUSED_ANSWER, 80, OptionalDouble.empty());
        learned.record("summarize", "llm-b", AttemptResult.FAILURE, 3000, OptionalDouble.empty());
        ScoreStore store = new ScoreStore(dir.resolve("state/routing-scores.json"), clock);

        store.save(learned.states());
        List<ScoreState> loaded = store.load();

        assertThat(loaded).isEqualTo(learned.states());
    }

    @Test
    void noFileMeansNothingLearnedYet() {
        assertThat(new ScoreStore(dir.resolve("absent.json"), clock).load()).isEmpty();
        assertThat(log.lines()).noneMatch(line -> line.contains("routing_scores_unreadable"));
    }

    @Test
    void anUnreadableFileIsReportedKeptAsideAndLearningStartsFresh() throws IOException {
        Path file = dir.resolve("routing-scores.json");
        Files.writeString(file, "{\"format\": 1, \"scores\": [{\"task_type\": \"t\"", StandardCharsets.UTF_8);

        List<ScoreState> loaded = new ScoreStore(file, clock).load();

        assertThat(loaded).isEmpty();
        Path aside = dir.resolve("routing-scores.json.corrupt-" + clock.millis());
        assertThat(aside).hasContent("{\"format\": 1, \"scores\": [{\"task_type\": \"t\"");
        assertThat(file).doesNotExist();
        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"routing_scores_unreadable\"").contains("learning starts fresh").contains(aside.toString()));
    }

    @Test
    void aScoreWithAnImpossibleValueMakesTheFileUnreadableNamingTheField() throws IOException {
        Path file = dir.resolve("routing-scores.json");
        Files.writeString(file, """
                {"format": 1, "scores": [{"task_type": "t", "endpoint_id": "a", "successes": -3, "failures": 0,
                  "elapsed_ms_sum": 0, "confidence_sum": 0, "confidence_weight": 0, "samples": 1,
                  "validation_failures": 0, "updated_at": "2025-01-01T00:00:00Z"}]}
                """, StandardCharsets.UTF_8);

        assertThat(new ScoreStore(file, clock).load()).isEmpty();
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("scores[0].successes must be a number"));
    }

    @Test
    void aRouterBootsOverACorruptFileAndSavesAFreshOneAtClose() throws IOException {
        Path file = dir.resolve("routing-scores.json");
        Files.writeString(file, "not json at all", StandardCharsets.UTF_8);
        RouterConfig config = new RouterConfig(RouterConfig.Policy.LEARNED, Duration.ofSeconds(5), Optional.of(file),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 0.1, RouterConfig.CircuitConfig.DEFAULT);

        Router router = Router.create(config, new EndpointRegistry(), clock, new Random(1));
        router.learner().learn("t", TaskResult.newBuilder()
                .addAttempts(Attempt.newBuilder().setEndpointId("a")
                        .setOutcome(TaskStatus.SUCCEEDED).setElapsedMs(10)).build());
        router.close();

        assertThat(new ScoreStore(file, clock).load()).extracting(ScoreState::endpointId).containsExactly("a");
        assertThat(dir.resolve("routing-scores.json.corrupt-" + clock.millis())).hasContent("not json at all");
    }
}
