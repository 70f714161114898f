package procos.pde.routing;

import java.time.Instant;
import java.util.Optional;

/**
 * A circuit breaker as an operator sees it (Describe, metrics).
 *
 * @param state               closed, open or half-open
 * @param consecutiveFailures failed calls since the last success
 * @param failureRate         share of failed calls in the window, 0 to 1
 * @param windowCalls         calls in the window (at most the configured window)
 * @param openedAt            when the circuit last opened, if ever
 * @param retryAt             while open: when a trial call may go
 */
public record CircuitStatus(CircuitBreaker.State state, int consecutiveFailures, double failureRate, int windowCalls,
                            Optional<Instant> openedAt, Optional<Instant> retryAt) {
}
