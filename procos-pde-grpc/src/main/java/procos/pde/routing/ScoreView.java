package procos.pde.routing;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One (task type, endpoint) score as it stands now: the evidence Thompson sampling draws from, and
 * what Describe and the metrics show.
 *
 * @param successes          decayed weight of successful attempts
 * @param failures           decayed weight of failed attempts
 * @param samples            attempts recorded
 * @param validationFailures attempts whose answer Validate refused
 * @param meanElapsedMs      decayed mean attempt duration, if any attempt was timed
 * @param meanConfidence     decayed mean confidence of successful results, if any
 * @param updatedAt          when the last attempt was recorded
 */
public record ScoreView(String taskType, String endpointId, double successes, double failures, long samples,
                        long validationFailures, OptionalDouble meanElapsedMs, OptionalDouble meanConfidence,
                        Instant updatedAt) {

    /** The mean of the Beta(successes + 1, failures + 1) posterior: the expected chance of success. */
    public double expectedSuccess() {
        return (successes + 1) / (successes + failures + 2);
    }

    /** Decayed share of successful attempts; 0 before any attempt. */
    public double successRate() {
        double weight = successes + failures;
        return weight > 0 ? successes / weight : 0;
    }
}
