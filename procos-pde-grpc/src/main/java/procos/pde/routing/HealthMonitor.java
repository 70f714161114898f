package procos.pde.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.HealthProbe;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/**
 * Periodic built-in test (PBIT): every {@code health_interval}, asks every registered endpoint for
 * its health and records the answer in the pipeline's {@link HealthProbe}, so the Test and Gateway
 * blocks read a fresh reading and no task waits for a health check. An endpoint whose check throws
 * or does not answer within the interval is recorded UNHEALTHY with the reason; one hung check
 * never holds up the others or the next round. Changes of state are logged.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.routing");

    private final EndpointRegistry endpoints;
    private final HealthProbe probe;
    private final Duration interval;
    private final Map<String, HealthState> lastStates = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("procos-pbit"));
    private final ExecutorService checks = Executors.newCachedThreadPool(DaemonThreads.named("procos-pbit-check"));

    public HealthMonitor(EndpointRegistry endpoints, HealthProbe probe, Duration interval) {
        this.endpoints = endpoints;
        this.probe = probe;
        this.interval = interval;
    }

    /**
     * Probes once before returning, so the first tasks already find readings (this waits at most
     * one interval), then every interval until {@link #close}.
     */
    public HealthMonitor start() {
        probeQuietly();
        schedule.scheduleWithFixedDelay(this::probeQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round: every endpoint's health checked (in parallel) and recorded. */
    public void probeAll() {
        Map<Endpoint, CompletableFuture<EndpointHealth>> running = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints.all()) {
            running.put(endpoint, CompletableFuture.supplyAsync(endpoint::health, checks));
        }
        long deadline = System.nanoTime() + interval.toNanos();
        running.forEach((endpoint, check) -> record(endpoint, await(check, deadline)));
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        checks.shutdownNow();
    }

    private void probeQuietly() {
        try {
            probeAll();
        } catch (RuntimeException e) {
            // A broken round must not end the schedule: the next one may well succeed.
            LOG.warn("health_probe_round_failed").error(e).log();
        }
    }

    private EndpointHealth await(CompletableFuture<EndpointHealth> check, long deadlineNanos) {
        try {
            return check.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return unhealthy("health check did not answer within " + interval.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unhealthy("health check failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unhealthy("health check interrupted");
        }
    }

    private void record(Endpoint endpoint, EndpointHealth health) {
        probe.record(endpoint, health);
        HealthState before = lastStates.put(endpoint.id(), health.getState());
        if (before != null && before != health.getState()) {
            LOG.info("endpoint_health_changed").with("endpoint", endpoint.id()).with("from", before.name())
                    .with("to", health.getState().name()).with("message", health.getMessage()).log();
        }
    }

    private static EndpointHealth unhealthy(String message) {
        return EndpointHealth.newBuilder().setState(HealthState.UNHEALTHY).setMessage(message).build();
    }
}
