package procos.das.api.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The kernel's health as one answer: {@code UP} when every check is up. A check that throws is
 * reported {@code DOWN} with the reason, as MicroProfile Health itself would.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param checks every check's answer, in the order they ran
 */
public record KernelHealth(String status, List<HealthCheckResult> checks) {

    public static KernelHealth of(Iterable<? extends HealthCheck> checks) {
        List<HealthCheckResult> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            results.add(run(check));
        }
        boolean up = results.stream().allMatch(result -> result.status().equals("UP"));
        return new KernelHealth(up ? "UP" : "DOWN", List.copyOf(results));
    }

    private static HealthCheckResult run(HealthCheck check) {
        try {
            HealthCheckResponse response = check.call();
            Map<String, Object> data = new TreeMap<>(response.getData().orElse(Map.of()));
            return new HealthCheckResult(response.getName(), response.getStatus().name(), data);
        } catch (RuntimeException e) {
            return new HealthCheckResult(check.getClass().getSimpleName(), "DOWN",
                    Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
