package procos.pde.routing;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learned scores of a PDE, one per (task type, endpoint) that has seen an attempt. Safe for
 * the many task threads that record at once: each score is replaced atomically.
 */
public final class ScoreBoard {

    private final Duration halfLife;
    private final InstantSource clock;
    private final Map<Key, ScoreState> scores = new ConcurrentHashMap<>();

    public ScoreBoard(Duration halfLife, InstantSource clock) {
        this.halfLife = halfLife;
        this.clock = clock;
    }

    public void record(String taskType, String endpointId, AttemptResult result, long elapsedMs, OptionalDouble confidence) {
        scores.compute(new Key(taskType, endpointId), (key, state) ->
                (state != null ? state : ScoreState.empty(taskType, endpointId, clock.instant()))
                        .plus(result, elapsedMs, confidence, clock.instant(), halfLife));
    }

    /** The score now, if the endpoint has been tried for the task type. */
    public Optional<ScoreView> view(String taskType, String endpointId) {
        return Optional.ofNullable(scores.get(new Key(taskType, endpointId)))
                .map(state -> state.viewAt(clock.instant(), halfLife));
    }

    /** Every score now, sorted by task type and endpoint. */
    public List<ScoreView> views() {
        return states().stream().map(state -> state.viewAt(clock.instant(), halfLife)).toList();
    }

    /** Every score as last recorded (undecayed), sorted; what is saved. */
    public List<ScoreState> states() {
        return scores.values().stream()
                .sorted(Comparator.comparing(ScoreState::taskType).thenComparing(ScoreState::endpointId))
                .toList();
    }

    /** Takes over saved scores; attempts already recorded here win over saved ones for the same pair. */
    public void restore(List<ScoreState> saved) {
        saved.forEach(state -> scores.putIfAbsent(new Key(state.taskType(), state.endpointId()), state));
    }

    private record Key(String taskType, String endpointId) {
    }
}
