package procos.pde.pool;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Transport security of a gRPC connection this PDE opens from its configuration: the {@code tls}
 * mapping of a {@code pde_manager.nodes[i]} entry and of a {@code remote} or {@code pde} endpoint.
 *
 * <pre>{@code
 * tls:
 *   enabled: true
 *   trust_cert_chain: /etc/procos/tls/ca.pem   # optional: else the JVM's trust store
 *   authority: node-b.internal                 # optional: name the certificate is checked against
 *   cert_chain: /etc/procos/tls/client.pem     # optional, with private_key: mutual TLS
 *   private_key: /etc/procos/tls/client.key
 * }</pre>
 *
 * @param enabled        whether the connection uses TLS; without it the other fields are refused
 * @param trustCertChain PEM certificates to trust; empty for the JVM's default trust store
 * @param authority      host name to verify the server certificate against instead of the
 *                       address's host (e.g. when the address is an IP)
 * @param certChain      PEM certificate chain to present as client certificate (mutual TLS)
 * @param privateKey     PEM (PKCS#8) private key of {@code certChain}
 */
public record TlsConfig(boolean enabled, Optional<Path> trustCertChain, Optional<String> authority,
                        Optional<Path> certChain, Optional<Path> privateKey) {

    /** No {@code tls} mapping: plaintext. */
    public static final TlsConfig PLAINTEXT =
            new TlsConfig(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TlsConfig {
        Objects.requireNonNull(trustCertChain, "trustCertChain");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(certChain, "certChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
