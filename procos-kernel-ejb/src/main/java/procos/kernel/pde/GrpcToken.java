package procos.kernel.pde;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import procos.kernel.config.GrpcSettings;
import procos.kernel.config.OwnerOnlyFile;
import procos.logging.StructuredLogger;

/**
 * The bearer token the PDE gRPC endpoint requires. Secure by default without setup: when the operator
 * set none (and dev mode is off), a random token is generated once, kept in {@code grpc.token} in the
 * server's working directory (readable by its owner only), and reused on later boots.
 */
final class GrpcToken {

    static final Path FILE = Path.of("grpc.token");
    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde");

    private GrpcToken() {
    }

    /** The token to require, or empty in dev mode. */
    static Optional<String> resolve(GrpcSettings settings) throws IOException {
        if (settings.token().isPresent()) {
            return settings.token();
        }
        if (settings.devMode()) {
            LOG.warn("grpc_dev_mode").with("detail", "the PDE gRPC endpoint accepts calls without a token").log();
            return Optional.empty();
        }
        OwnerOnlyFile.Value token = OwnerOnlyFile.readOrCreate(FILE, () -> OwnerOnlyFile.randomSecret(32));
        if (token.generated()) {
            LOG.info("grpc_token_generated").with("file", FILE.toAbsolutePath().toString()).log();
        }
        return Optional.of(token.text());
    }
}
