package procos.das.api.pde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.routing.ScoreView;

class RoutingHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsTheLastSamplesOldestFirstAndDropsOlderOnes() {
        RoutingHistory history = new RoutingHistory(3);
        for (int i = 0; i < 5; i++) {
            history.record(T0.plusSeconds(10L * i), snapshot(score("t", "a", i, 0)));
        }

        List<RoutingSample> samples = history.samples("t");

        assertThat(samples).extracting(RoutingSample::time)
                .containsExactly("2026-01-01T00:00:20Z", "2026-01-01T00:00:30Z", "2026-01-01T00:00:40Z");
        assertThat(samples.get(2).scores()).containsEntry("a", (4 + 1) / 6.0);
    }

    @Test
    void aTaskTypeSelectsItsScoresAndNoneAveragesEachEndpointsTaskTypes() {
        RoutingHistory history = new RoutingHistory(10);
        history.record(T0, snapshot(score("x", "a", 8, 0), score("y", "a", 0, 8), score("y", "b", 3, 1)));

        assertThat(history.samples("y").get(0).scores()).containsExactly(Map.entry("a", 0.1), Map.entry("b", 4 / 6.0));
        assertThat(history.samples("x").get(0).scores()).containsOnlyKeys("a");
        assertThat(history.samples(null).get(0).scores()).containsEntry("a", (0.9 + 0.1) / 2);
        assertThat(history.samples("z").get(0).scores()).isEmpty();
    }

    private static RoutingSnapshot snapshot(ScoreView... scores) {
        return new RoutingSnapshot("learned", List.of(scores), Map.of());
    }

    private static ScoreView score(String taskType, String endpoint, double successes, double failures) {
        return new ScoreView(taskType, endpoint, successes, failures, (long) (successes + failures), 0, OptionalDouble.empty(),
                OptionalDouble.empty(), T0);
    }
}
