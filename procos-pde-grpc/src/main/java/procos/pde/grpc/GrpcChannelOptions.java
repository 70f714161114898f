package procos.pde.grpc;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import procos.pde.pool.TlsConfig;

/**
 * How to reach a gRPC server (a PDE, or a remote endpoint): target, transport security, token and
 * message size. Turned into a long-lived {@link ManagedChannel} by {@link #openChannel()}; channels
 * are expensive to create and meant to be shared by all calls to the same target.
 *
 * @param target {@code host:port}, or any target string gRPC's name resolvers understand
 * @param tls whether to use TLS
 * @param trustCertChain PEM file of the certificates to trust; {@code null} means the JVM's
 *     default trust store (only meaningful with TLS)
 * @param authorityOverride host name to verify the server certificate against instead of the
 *     target's host, e.g. when connecting by IP; {@code null} for none
 * @param clientCertChain PEM certificate chain this client presents to servers that require client
 *     certificates (mutual TLS), together with {@code clientPrivateKey}; both {@code null} for none
 * @param clientPrivateKey PEM (PKCS#8) private key for {@code clientCertChain}
 * @param bearerToken sent as {@code authorization: Bearer <token>}; {@code null} for none
 * @param maxInboundMessageBytes largest response accepted
 */
public record GrpcChannelOptions(
        String target,
        boolean tls,
        File trustCertChain,
        String authorityOverride,
        File clientCertChain,
        File clientPrivateKey,
        String bearerToken,
        int maxInboundMessageBytes) {

    public GrpcChannelOptions {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must be host:port");
        }
        if (trustCertChain != null && !tls) {
            throw new IllegalArgumentException("a trust certificate only makes sense with TLS");
        }
        if ((clientCertChain == null) != (clientPrivateKey == null)) {
            throw new IllegalArgumentException("a client certificate needs both its chain and its private key file");
        }
        if (clientCertChain != null && !tls) {
            throw new IllegalArgumentException("a client certificate only makes sense with TLS");
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        if (maxInboundMessageBytes <= 0) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be positive, was " + maxInboundMessageBytes);
        }
    }

    /** No transport security; for local development and in-cluster plaintext. */
    public static GrpcChannelOptions plaintext(String target) {
        return new GrpcChannelOptions(target, false, null, null, null, null, null,
                PdeServerOptions.DEFAULT_MAX_INBOUND_MESSAGE_BYTES);
    }

    /** TLS, trusting {@code trustCertChain}, or the JVM's trust store when it is {@code null}. */
    public static GrpcChannelOptions tls(String target, File trustCertChain) {
        return new GrpcChannelOptions(target, true, trustCertChain, null, null, null, null,
                PdeServerOptions.DEFAULT_MAX_INBOUND_MESSAGE_BYTES);
    }

    /**
     * What a configuration entry (a {@code pde_manager.nodes[i]}, a {@code remote} or {@code pde}
     * endpoint) says about reaching {@code target}: plaintext, or TLS with its trust certificates,
     * authority override and client certificate; with {@code token} as bearer token if present.
     * The one place configured TLS becomes channel options, so every configured channel reads it
     * the same way.
     */
    public static GrpcChannelOptions configured(String target, TlsConfig tls, Optional<String> token) {
        GrpcChannelOptions options = !tls.enabled() ? plaintext(target)
                : tls(target, file(tls.trustCertChain()))
                        .withAuthorityOverride(tls.authority().orElse(null))
                        .withClientCertificate(file(tls.certChain()), file(tls.privateKey()));
        return options.withBearerToken(token.orElse(null));
    }

    private static File file(Optional<Path> path) {
        return path.map(Path::toFile).orElse(null);
    }

    public GrpcChannelOptions withBearerToken(String token) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authorityOverride, clientCertChain, clientPrivateKey,
                token, maxInboundMessageBytes);
    }

    public GrpcChannelOptions withAuthorityOverride(String authority) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authority, clientCertChain, clientPrivateKey,
                bearerToken, maxInboundMessageBytes);
    }

    /** Presents {@code certChain} to servers that require client certificates; both {@code null} for none. */
    public GrpcChannelOptions withClientCertificate(File certChain, File privateKey) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authorityOverride, certChain, privateKey,
                bearerToken, maxInboundMessageBytes);
    }

    public GrpcChannelOptions withMaxInboundMessageBytes(int bytes) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authorityOverride, clientCertChain, clientPrivateKey,
                bearerToken, bytes);
    }

    /**
     * A new channel; the caller owns it and must shut it down.
     *
     * @throws UncheckedIOException if a certificate or key file cannot be read
     */
    public ManagedChannel openChannel() {
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, channelCredentials())
                .maxInboundMessageSize(maxInboundMessageBytes);
        if (authorityOverride != null) {
            builder.overrideAuthority(authorityOverride);
        }
        return builder.build();
    }

    /** The per-call credentials to attach to stubs, if a token is configured. */
    public Optional<CallCredentials> callCredentials() {
        return Optional.ofNullable(bearerToken).map(BearerTokenCredentials::new);
    }

    private ChannelCredentials channelCredentials() {
        if (!tls) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (trustCertChain != null) {
            try {
                builder.trustManager(trustCertChain);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trust certificates from " + trustCertChain, e);
            }
        }
        if (clientCertChain != null) {
            try {
                builder.keyManager(clientCertChain, clientPrivateKey);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the client certificate " + clientCertChain
                        + " or its key " + clientPrivateKey, e);
            }
        }
        return builder.build();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "GrpcChannelOptions[target=" + target
                + ", tls=" + tls
                + (trustCertChain == null ? "" : ", trustCertChain=" + trustCertChain)
                + (authorityOverride == null ? "" : ", authorityOverride=" + authorityOverride)
                + (clientCertChain == null ? "" : ", clientCertChain=" + clientCertChain)
                + ", bearerToken=" + (bearerToken == null ? "none" : "***")
                + ", maxInboundMessageBytes=" + maxInboundMessageBytes + "]";
    }
}
