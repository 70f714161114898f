package procos.pde.routing;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import procos.logging.StructuredLogger;
import procos.pde.pool.RouterConfig.CircuitConfig;

/**
 * One endpoint's circuit breaker. CLOSED lets calls through and counts failures; it opens after
 * {@code consecutive_failures} failures in a row, or when a full window of recent calls failed at
 * {@code failure_rate} or more. OPEN refuses calls until {@code cool_down} has passed, then turns
 * HALF_OPEN and admits exactly one trial call: its success closes the circuit, its failure opens it
 * again for another cool-down. A trial whose outcome never arrives (the task succeeded on an
 * earlier endpoint and never called this one) is given up after a cool-down, and another admitted.
 */
public final class CircuitBreaker {

    /** The three states; see the class comment. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.routing");

    private final String endpointId;
    private final CircuitConfig config;
    private final InstantSource clock;
    private final Deque<Boolean> window = new ArrayDeque<>();
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private Instant trialAdmittedAt;

    public CircuitBreaker(String endpointId, CircuitConfig config, InstantSource clock) {
        this.endpointId = endpointId;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Whether a call may go to the endpoint now. Asking may use up the half-open trial: in HALF_OPEN
     * only the first caller is admitted until the trial's outcome is recorded.
     */
    public synchronized boolean admits() {
        Instant now = clock.instant();
        if (state == State.OPEN && !now.isBefore(retryAt())) {
            state = State.HALF_OPEN;
            trialAdmittedAt = null;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> admitTrial(now);
        };
    }

    /** A call completed (the endpoint answered, whatever the answer's quality). */
    public synchronized void recordSuccess() {
        consecutiveFailures = 0;
        remember(true);
        if (state != State.CLOSED) {
            // The trial (or a call admitted before the circuit opened) got through: the endpoint is back.
            state = State.CLOSED;
            window.clear();
            trialAdmittedAt = null;
            LOG.info("circuit_closed").with("endpoint", endpointId).log();
        }
    }

    /** A call failed: an error, a timeout, no answer. */
    public synchronized void recordFailure() {
        consecutiveFailures++;
        remember(false);
        if (state == State.HALF_OPEN || (state == State.CLOSED && tripped())) {
            open();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** What an operator sees: state, failure counts and, while open, when the next trial may go. */
    public synchronized CircuitStatus status() {
        long failures = window.stream().filter(ok -> !ok).count();
        return new CircuitStatus(state, consecutiveFailures,
                window.isEmpty() ? 0 : (double) failures / window.size(), window.size(),
                Optional.ofNullable(openedAt), state == State.OPEN ? Optional.of(retryAt()) : Optional.empty());
    }

    private boolean admitTrial(Instant now) {
        if (trialAdmittedAt == null || !now.isBefore(trialAdmittedAt.plus(config.coolDown()))) {
            trialAdmittedAt = now;
            return true;
        }
        return false;
    }

    private boolean tripped() {
        if (consecutiveFailures >= config.consecutiveFailures()) {
            return true;
        }
        long failures = window.stream().filter(ok -> !ok).count();
        return window.size() >= config.window() && failures >= config.failureRate() * window.size();
    }

    private void open() {
        boolean trialFailed = state == State.HALF_OPEN;
        state = State.OPEN;
        openedAt = clock.instant();
        trialAdmittedAt = null;
        LOG.warn("circuit_opened").with("endpoint", endpointId).with("consecutive_failures", consecutiveFailures)
                .with("trial_failed", trialFailed).with("retry_at", retryAt().toString()).log();
    }

    private Instant retryAt() {
        return openedAt.plus(config.coolDown());
    }

    private void remember(boolean ok) {
        window.addLast(ok);
        while (window.size() > config.window()) {
            window.removeFirst();
        }
    }
}
