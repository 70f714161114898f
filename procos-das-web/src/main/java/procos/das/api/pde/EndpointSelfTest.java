package procos.das.api.pde;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.HealthReports;
import procos.pde.pipeline.HealthProbe;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/**
 * Runs one endpoint's health check now, bounded by a deadline, and records the answer as the
 * endpoint's current reading, so routing sees it at once. A check that throws or does not answer in
 * time counts as DOWN with the reason.
 */
public final class EndpointSelfTest {

    private final Executor checks;
    private final Duration deadline;

    public EndpointSelfTest(Executor checks, Duration deadline) {
        this.checks = checks;
        this.deadline = deadline;
    }

    public SelfTestResult run(Endpoint endpoint, HealthProbe probe) {
        long started = System.nanoTime();
        CompletableFuture<EndpointHealth> check = CompletableFuture.supplyAsync(endpoint::health, checks);
        EndpointHealth health;
        try {
            health = check.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            health = HealthReports.of(HealthState.UNHEALTHY, "health check did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            health = HealthReports.of(HealthState.UNHEALTHY, "health check failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health = HealthReports.of(HealthState.UNHEALTHY, "health check interrupted");
        }
        probe.record(endpoint, health);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new SelfTestResult(endpoint.id(), HealthWords.state(health), HealthWords.detail(health), elapsedMs);
    }
}
