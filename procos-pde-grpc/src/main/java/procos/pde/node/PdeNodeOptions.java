package procos.pde.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import procos.pde.grpc.PdeServerOptions;

/**
 * What a standalone PDE node is started with: where its configuration is, which port it listens
 * on, how callers authenticate. Built from the command line by {@link NodeArguments}, or directly
 * by tests that run a node in-process.
 *
 * @param config        the PDE manager YAML; empty for the built-in default (noop/echo)
 * @param port          port to listen on, 0..65535 (0 picks a free one, see {@link PdeNode#port()})
 * @param token         bearer token every {@code PdeService} call must carry; empty only with {@code dev}
 * @param dev           allows running without a token (development and tests only)
 * @param tls           the node's TLS; empty for plaintext
 * @param shutdownGrace how long running tasks may take to finish when the node is stopped
 */
public record PdeNodeOptions(Optional<Path> config, int port, Optional<String> token, boolean dev,
                             Optional<Tls> tls, Duration shutdownGrace) {

    /**
     * The node serves TLS with this certificate.
     *
     * @param certChain  PEM certificate chain the node presents
     * @param privateKey PEM (PKCS#8) private key of {@code certChain}
     * @param clientCa   PEM certificates of the authorities whose client certificates the node
     *                   accepts; when present, callers without one are refused (mutual TLS)
     */
    public record Tls(Path certChain, Path privateKey, Optional<Path> clientCa) {
        public Tls {
            Objects.requireNonNull(certChain, "certChain");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(clientCa, "clientCa");
        }
    }

    /** The port a node listens on when none is given. */
    public static final int DEFAULT_PORT = 50061;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public PdeNodeOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        token = token.filter(t -> !t.isBlank());
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (token.isEmpty() && !dev) {
            throw new IllegalArgumentException("a PDE node needs a bearer token, or dev mode to run without one");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, was " + shutdownGrace);
        }
    }

    /** A dev-mode node (no token) with the default grace period. */
    public static PdeNodeOptions dev(Optional<Path> config, int port) {
        return new PdeNodeOptions(config, port, Optional.empty(), true, Optional.empty(), DEFAULT_SHUTDOWN_GRACE);
    }

    /** A node that requires {@code token} from its callers, with the default grace period. */
    public static PdeNodeOptions secured(Optional<Path> config, int port, String token) {
        return new PdeNodeOptions(config, port, Optional.of(token), false, Optional.empty(), DEFAULT_SHUTDOWN_GRACE);
    }

    /** The same options, serving TLS as {@code tls} says. */
    public PdeNodeOptions withTls(Tls tls) {
        return new PdeNodeOptions(config, port, token, dev, Optional.of(tls), shutdownGrace);
    }

    /**
     * The gRPC server options: authentication on whenever a token is known, even in dev mode; TLS
     * (and client certificates) as configured.
     */
    public PdeServerOptions serverOptions() {
        PdeServerOptions options = token.map(PdeServerOptions::secured).orElseGet(PdeServerOptions::dev);
        if (tls.isEmpty()) {
            return options;
        }
        return options.withTls(tls.get().certChain().toFile(), tls.get().privateKey().toFile())
                .withClientCertificatesFrom(tls.get().clientCa().map(Path::toFile).orElse(null));
    }

    /** Never prints the token: options end up in logs and error messages. */
    @Override
    public String toString() {
        return "PdeNodeOptions[config=" + config.map(Path::toString).orElse("built-in default")
                + ", port=" + port
                + ", token=" + (token.isPresent() ? "***" : "none")
                + ", dev=" + dev
                + ", tls=" + tls.map(Tls::toString).orElse("off")
                + ", shutdownGrace=" + shutdownGrace + "]";
    }
}
