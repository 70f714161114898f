package procos.kernel.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server's PDE gRPC endpoint listens.
 *
 * @param port            listening port
 * @param token           bearer token callers must present; when absent and not in dev mode, one is
 *                        generated at boot and written next to the server's logs
 * @param devMode         accept calls without a token (local development only)
 * @param tlsCertChain    PEM certificate chain; TLS is on when this and {@code tlsPrivateKey} are set
 * @param tlsPrivateKey   PEM private key
 * @param maxMessageBytes largest request accepted
 */
public record GrpcSettings(int port, Optional<String> token, boolean devMode, Optional<Path> tlsCertChain,
                           Optional<Path> tlsPrivateKey, int maxMessageBytes) {

    @Override
    public String toString() {
        return "GrpcSettings[port=" + port + ", token=" + (token.isPresent() ? "***" : "none") + ", devMode=" + devMode
                + ", tls=" + tlsCertChain.isPresent() + ", maxMessageBytes=" + maxMessageBytes + "]";
    }
}
