package procos.das.api.kernel;

import java.util.Map;

/**
 * One health check's answer.
 *
 * @param name   the check's name (for example {@code procos-kernel-ready})
 * @param status {@code UP} or {@code DOWN}
 * @param data   what the check reports beside its status
 */
public record HealthCheckResult(String name, String status, Map<String, Object> data) {
}
