package procos.pde.endpoint;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/** Health answers stamped with the time they were determined, as the contract asks of every endpoint. */
public final class HealthReports {

    private HealthReports() {
    }

    public static EndpointHealth healthy() {
        return of(HealthState.HEALTHY, "");
    }

    /** {@code message} says why, in words an operator can act on; empty when healthy. */
    public static EndpointHealth of(HealthState state, String message) {
        Instant now = Instant.now();
        return EndpointHealth.newBuilder()
                .setState(state)
                .setMessage(message)
                .setCheckedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
    }
}
