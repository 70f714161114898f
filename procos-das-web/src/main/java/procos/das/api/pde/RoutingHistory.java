package procos.das.api.pde;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.routing.ScoreView;

/**
 * The last {@code capacity} samples of the routing scores, in memory, so the console can draw how
 * the router's view of each endpoint changed. Older samples fall off; nothing is kept across restarts.
 */
public final class RoutingHistory {

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public RoutingHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public synchronized void record(Instant time, RoutingSnapshot snapshot) {
        List<Score> scores = snapshot.scores().stream()
                .map(view -> new Score(view.taskType(), view.endpointId(), view.expectedSuccess())).toList();
        samples.addLast(new Sample(time, scores));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /**
     * Oldest first: each endpoint's score for {@code taskType}, or, when it is null, each endpoint's
     * mean score over the task types it has scores for.
     */
    public synchronized List<RoutingSample> samples(String taskType) {
        List<RoutingSample> result = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            result.add(new RoutingSample(sample.time().toString(), byEndpoint(sample.scores(), taskType)));
        }
        return result;
    }

    private static Map<String, Double> byEndpoint(List<Score> scores, String taskType) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Score score : scores) {
            if (taskType == null || taskType.equals(score.taskType())) {
                double[] sum = sums.computeIfAbsent(score.endpointId(), id -> new double[2]);
                sum[0] += score.value();
                sum[1]++;
            }
        }
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((id, sum) -> means.put(id, sum[0] / sum[1]));
        return means;
    }

    private record Sample(Instant time, List<Score> scores) {
    }

    /** One {@link ScoreView} reduced to what a chart needs. */
    private record Score(String taskType, String endpointId, double value) {
    }
}
