package procos.pde.pool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import procos.logging.SecretRedactor;
import procos.pde.v1.PdeType;

/**
 * A standalone PDE node this server may dispatch whole tasks to when scaling out
 * ({@code pde_manager.nodes[i]}).
 *
 * @param id       unique node id, distinct from this server's own {@code node_id}
 * @param address  {@code host:port} of the node's {@code PdeService} (see {@link #hostPort()})
 * @param token    bearer token the node expects, if any
 * @param tls      how the connection to the node is secured ({@link TlsConfig#PLAINTEXT} without a
 *                 {@code tls} mapping)
 * @param pdeTypes the PDE types the node runs
 */
public record NodeConfig(String id, String address, Optional<String> token, TlsConfig tls,
                         List<PdeType> pdeTypes) {

    public NodeConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
        pdeTypes = List.copyOf(pdeTypes);
    }

    /**
     * The parsed address.
     *
     * @throws IllegalStateException if the address is not {@code host:port}, which a loaded
     *                               configuration never has
     */
    public HostPort hostPort() {
        return HostPort.parse(address).orElseThrow(
                () -> new IllegalStateException("node " + id + " has no valid host:port address"));
    }

    /** Without the token: configs end up in logs. */
    @Override
    public String toString() {
        return "NodeConfig[id=" + id + ", address=" + address
                + token.map(t -> ", token=" + SecretRedactor.MASK).orElse("")
                + (tls.enabled() ? ", tls=" + tls : "")
                + ", pdeTypes=" + pdeTypes + "]";
    }
}
