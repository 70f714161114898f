package procos.pde.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the router knows about one endpoint for one task type, as of {@code updatedAt}. Every
 * weight decays exponentially with {@code half_life}: an attempt counts fully when it happens and
 * half as much one half-life later, so the score follows an endpoint whose behaviour shifts, and
 * one left alone drifts back towards the prior and gets explored again. Immutable: recording an
 * attempt gives a new state.
 *
 * @param taskType           the task type
 * @param endpointId         the endpoint
 * @param successes          decayed weight of successful attempts
 * @param failures           decayed weight of failed attempts (errors, timeouts, refused answers)
 * @param elapsedMsSum       decayed sum of attempt durations, each weighted like its attempt
 * @param confidenceSum      decayed sum of the confidence of successful results
 * @param confidenceWeight   decayed weight of those results
 * @param samples            attempts recorded, not decayed
 * @param validationFailures attempts whose answer Validate refused, not decayed
 * @param updatedAt          when the last attempt was recorded
 */
public record ScoreState(String taskType, String endpointId, double successes, double failures, double elapsedMsSum,
                         double confidenceSum, double confidenceWeight, long samples, long validationFailures,
                         Instant updatedAt) {

    public ScoreState {
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Nothing learned yet. */
    static ScoreState empty(String taskType, String endpointId, Instant now) {
        return new ScoreState(taskType, endpointId, 0, 0, 0, 0, 0, 0, 0, now);
    }

    /** This state decayed to {@code now}, plus one attempt. */
    ScoreState plus(AttemptResult result, long elapsedMs, OptionalDouble confidence, Instant now, Duration halfLife) {
        double keep = decayFactor(now, halfLife);
        boolean success = result == AttemptResult.SUCCESS;
        return new ScoreState(taskType, endpointId,
                successes * keep + (success ? 1 : 0),
                failures * keep + (success ? 0 : 1),
                elapsedMsSum * keep + Math.max(0, elapsedMs),
                confidenceSum * keep + confidence.orElse(0),
                confidenceWeight * keep + (confidence.isPresent() ? 1 : 0),
                samples + 1,
                validationFailures + (result == AttemptResult.REFUSED_ANSWER ? 1 : 0),
                now.isAfter(updatedAt) ? now : updatedAt);
    }

    /** What the state says at {@code now}, once its weights have decayed. */
    public ScoreView viewAt(Instant now, Duration halfLife) {
        double keep = decayFactor(now, halfLife);
        double weight = successes + failures;
        return new ScoreView(taskType, endpointId, successes * keep, failures * keep, samples, validationFailures,
                weight > 0 ? OptionalDouble.of(elapsedMsSum / weight) : OptionalDouble.empty(),
                confidenceWeight > 0 ? OptionalDouble.of(confidenceSum / confidenceWeight) : OptionalDouble.empty(),
                updatedAt);
    }

    /** 2^-(age / half-life); 1 for a state from the future (a clock set back since it was saved). */
    private double decayFactor(Instant now, Duration halfLife) {
        long ageMs = Duration.between(updatedAt, now).toMillis();
        return ageMs <= 0 ? 1 : Math.pow(0.5, (double) ageMs / halfLife.toMillis());
    }
}
