package procos.pde.pool;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import procos.logging.SecretRedactor;

/**
 * One endpoint a PDE can route tasks to ({@code pde_manager.endpoints[i]}).
 *
 * @param id       unique id, referenced by pools and routing rules
 * @param kind     what it is; decides which of the other fields it uses
 * @param address  {@code host:port} of a {@code remote} or {@code pde} endpoint (see {@link #hostPort()});
 *                 empty for the other kinds
 * @param token    bearer token sent to a {@code remote} or {@code pde} endpoint, if it needs one
 * @param tls      how the connection to a {@code remote} or {@code pde} endpoint is secured
 *                 ({@link TlsConfig#PLAINTEXT} without a {@code tls} mapping)
 * @param timeout  longest a single call may take; empty means the task's own deadline applies
 * @param settings kind-specific options (model, URL, JDBC URL, …) as text, checked by the endpoint
 *                 implementation that reads them; may hold credentials
 */
public record EndpointConfig(String id, EndpointKind kind, Optional<String> address, Optional<String> token,
                             TlsConfig tls, Optional<Duration> timeout, Map<String, String> settings) {

    public EndpointConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        settings = Map.copyOf(settings);
    }

    /** An endpoint without a {@code tls} mapping. */
    public EndpointConfig(String id, EndpointKind kind, Optional<String> address, Optional<String> token,
                          Optional<Duration> timeout, Map<String, String> settings) {
        this(id, kind, address, token, TlsConfig.PLAINTEXT, timeout, settings);
    }

    /** The parsed address; always present for a loaded {@code remote} or {@code pde} endpoint. */
    public Optional<HostPort> hostPort() {
        return address.flatMap(HostPort::parse);
    }

    /** Without the token and with credential-like settings masked: configs end up in logs. */
    @Override
    public String toString() {
        return "EndpointConfig[id=" + id + ", kind=" + kind.yamlName()
                + address.map(a -> ", address=" + a).orElse("")
                + token.map(t -> ", token=" + SecretRedactor.MASK).orElse("")
                + (tls.enabled() ? ", tls=" + tls : "")
                + timeout.map(t -> ", timeout=" + t).orElse("")
                + (settings.isEmpty() ? "" : ", settings=" + SecretRedactor.redact(settings)) + "]";
    }
}
