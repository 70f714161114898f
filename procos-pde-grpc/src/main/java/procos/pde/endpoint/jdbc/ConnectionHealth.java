package procos.pde.endpoint.jdbc;

import java.time.Duration;
import procos.pde.endpoint.HealthReports;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/**
 * Health learnt from the calls themselves rather than from a probe: after a call could not reach
 * the database the endpoint reports unhealthy for a short while, so routing falls back to another
 * endpoint instead of sending every task to a database that is down; then the next call tries
 * again. A probe connection would be no cheaper than a call, and could hang as long.
 */
final class ConnectionHealth {

    static final Duration COOL_DOWN = Duration.ofSeconds(5);

    private volatile long failedAtNanos;
    private volatile boolean failed;

    void failed() {
        failedAtNanos = System.nanoTime();
        failed = true;
    }

    void succeeded() {
        failed = false;
    }

    EndpointHealth report() {
        if (failed && System.nanoTime() - failedAtNanos < COOL_DOWN.toNanos()) {
            return HealthReports.of(HealthState.UNHEALTHY, "the database could not be reached by the last call");
        }
        return HealthReports.healthy();
    }
}
