package procos.pde.endpoint;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/** Health answers of in-process endpoints, stamped with the time they were checked. */
public final class HealthReports {

    private HealthReports() {
    }

    public static EndpointHealth healthy() {
        return report(HealthState.HEALTHY, "");
    }

    /** @param problem what an operator should look at, e.g. "the sandbox root is no longer a directory" */
    public static EndpointHealth unhealthy(String problem) {
        return report(HealthState.UNHEALTHY, problem);
    }

    private static EndpointHealth report(HealthState state, String message) {
        Instant now = Instant.now();
        return EndpointHealth.newBuilder().setState(state).setMessage(message)
                .setCheckedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
    }
}
