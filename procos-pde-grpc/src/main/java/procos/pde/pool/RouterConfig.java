package procos.pde.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Gateway chooses among a task's candidate endpoints ({@code pde_manager.router}). The
 * routing rules ({@code pde_manager.routing}) say which endpoints may serve a task type and in
 * which priority; this says how that priority is used.
 *
 * @param policy         {@code learned} (default): rule priority is only the prior of scores learned
 *                       from every attempt; {@code static}: rule order, healthy before degraded
 * @param healthInterval how often every endpoint's health is probed in the background (PBIT), so no
 *                       task waits for a health check; default 5 s
 * @param stateFile      where learned scores are kept across restarts; none = not kept
 * @param saveInterval   how often learned scores are written to {@code stateFile}; default 1 min
 * @param halfLife       after how long an observation counts half, so the router follows endpoints
 *                       whose behaviour shifts; default 10 min
 * @param latencyWeight  how much success probability one endpoint may give up for being the fastest
 *                       of the candidates (0 = latency only breaks ties); default 0.1
 * @param circuit        when an endpoint's circuit opens and how long it stays open
 */
public record RouterConfig(Policy policy, Duration healthInterval, Optional<Path> stateFile, Duration saveInterval,
                           Duration halfLife, double latencyWeight, CircuitConfig circuit) {

    /** Without a {@code router} section: learned routing, nothing kept across restarts. */
    public static final RouterConfig DEFAULT = new RouterConfig(Policy.LEARNED, Duration.ofSeconds(5), Optional.empty(),
            Duration.ofMinutes(1), Duration.ofMinutes(10), 0.1, CircuitConfig.DEFAULT);

    public RouterConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(healthInterval, "healthInterval");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(saveInterval, "saveInterval");
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(circuit, "circuit");
    }

    /** This configuration, keeping learned scores in {@code file}. */
    public RouterConfig withStateFile(Path file) {
        return new RouterConfig(policy, healthInterval, Optional.of(file), saveInterval, halfLife, latencyWeight, circuit);
    }

    /** The routing policies {@code router.policy} names. */
    public enum Policy {
        LEARNED, STATIC;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The per-endpoint circuit breaker ({@code pde_manager.router.circuit}). A circuit opens after
     * {@code consecutiveFailures} failures in a row, or when at least {@code failureRate} of the last
     * {@code window} calls failed; after {@code coolDown} it lets one trial call through
     * (half-open), which closes it on success and opens it again on failure.
     *
     * @param consecutiveFailures failures in a row that open the circuit; default 5
     * @param failureRate         share of failed calls in the window that opens it, in (0, 1]; default 0.5
     * @param window              calls the failure rate is measured over; default 20
     * @param coolDown            how long an open circuit refuses calls; default 30 s
     */
    public record CircuitConfig(int consecutiveFailures, double failureRate, int window, Duration coolDown) {

        public static final CircuitConfig DEFAULT = new CircuitConfig(5, 0.5, 20, Duration.ofSeconds(30));

        public CircuitConfig {
            Objects.requireNonNull(coolDown, "coolDown");
        }
    }
}
