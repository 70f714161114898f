package procos.pde.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Time that moves only when a test says so: cool-downs and half-lives without waiting. */
final class ManualClock implements InstantSource {

    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized ManualClock advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }
}
