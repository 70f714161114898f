package procos.pde.endpoint;

import io.grpc.Deadline;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * How long one call may take: the shortest of the endpoint's configured timeout, the task's own
 * limit if it may set one (the HTTP endpoint's {@code timeout_ms}) and what is left of the gRPC
 * deadline. The endpoint stops on its own at that point instead of relying on the caller to
 * abandon it, so its connection is closed and the failure is reported with the endpoint's own code.
 */
public final class TimeBudget {

    private TimeBudget() {
    }

    /** May be zero or negative when the deadline has already passed. {@code deadline} may be {@code null} (none). */
    public static Duration effective(Duration configured, OptionalLong inputMillis, Deadline deadline) {
        Duration budget = configured;
        if (inputMillis.isPresent() && inputMillis.getAsLong() < budget.toMillis()) {
            budget = Duration.ofMillis(inputMillis.getAsLong());
        }
        if (deadline != null) {
            Duration remaining = Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS));
            if (remaining.compareTo(budget) < 0) {
                budget = remaining;
            }
        }
        return budget;
    }
}
