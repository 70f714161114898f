package procos.pde.endpoint.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.pool.EndpointConfig;

/**
 * The options of an {@code http} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named.
 *
 * @param allowedHosts     hosts the endpoint may call; required, and an empty list allows nothing
 * @param maxResponseBytes largest response body read; a longer one fails with {@code RESPONSE_TOO_LARGE}
 * @param timeout          longest a call may take; tasks and deadlines can only shorten it
 * @param followRedirects  whether 3xx responses are followed (each hop checked against the allowlist)
 */
public record HttpSettings(HostAllowlist allowedHosts, long maxResponseBytes, Duration timeout, boolean followRedirects) {

    public static final String ALLOWED_HOSTS = "allowed_hosts";
    public static final String MAX_RESPONSE_BYTES = "max_response_bytes";
    public static final String TIMEOUT = "timeout";
    public static final String FOLLOW_REDIRECTS = "follow_redirects";

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;
    /** Responses are held in memory and travel in one protobuf message; beyond this, use another endpoint kind. */
    public static final long MAX_RESPONSE_BYTES_LIMIT = 256L << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public HttpSettings {
        Objects.requireNonNull(allowedHosts, "allowedHosts");
        Objects.requireNonNull(timeout, "timeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1, got " + maxResponseBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be longer than zero, got " + timeout);
        }
    }

    /**
     * Reads {@code allowed_hosts} (required), {@code max_response_bytes}, {@code timeout} (ISO-8601;
     * else the endpoint's own {@code timeout}, else 10 s) and {@code follow_redirects}.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static HttpSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config,
                Set.of(ALLOWED_HOSTS, MAX_RESPONSE_BYTES, TIMEOUT, FOLLOW_REDIRECTS));
        HostAllowlist allowlist = HostAllowlist.fromSetting(settings, ALLOWED_HOSTS, "host",
                "comma-separated hosts, exact or *.suffix; an http endpoint calls nothing that is not listed");
        return new HttpSettings(allowlist,
                settings.bytes(MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES_LIMIT),
                settings.duration(TIMEOUT).or(config::timeout).orElse(DEFAULT_TIMEOUT),
                settings.bool(FOLLOW_REDIRECTS, false));
    }
}
