package procos.kernel.config;

import java.util.Optional;

/**
 * How the server guards its HTTP side: credentials an operator may give at first boot instead of
 * generated ones, and the largest request body any HTTP resource reads.
 *
 * @param adminPassword   password of the {@code admin} user created on first boot ({@code procos.admin.password})
 * @param metricsPassword password of the read-only {@code metrics} user for {@code /metrics} ({@code procos.metrics.password})
 * @param maxRequestBytes largest HTTP request body accepted ({@code procos.http.max-request-bytes}); larger ones get 413
 */
public record SecuritySettings(Optional<String> adminPassword, Optional<String> metricsPassword, long maxRequestBytes) {

    /** Shortest password accepted from configuration. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** Enough for a large BPMN deployment; knowledge files go through their own upload limit. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** Never prints a password. */
    @Override
    public String toString() {
        return "SecuritySettings[adminPassword=" + (adminPassword.isPresent() ? "***" : "generated")
                + ", metricsPassword=" + (metricsPassword.isPresent() ? "***" : "generated")
                + ", maxRequestBytes=" + maxRequestBytes + "]";
    }
}
