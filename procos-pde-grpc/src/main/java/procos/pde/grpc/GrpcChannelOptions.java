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
import java.util.Optional;

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
 * @param bearerToken sent as {@code authorization: Bearer <token>}; {@code null} for none
 * @param maxInboundMessageBytes largest response accepted
 */
public record GrpcChannelOptions(
        String target,
        boolean tls,
        File trustCertChain,
        String authorityOverride,
        String bearerToken,
        int maxInboundMessageBytes) {

    public GrpcChannelOptions {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must be host:port");
        }
        if (trustCertChain != null && !tls) {
            throw new IllegalArgumentException("a trust certificate only makes sense with TLS");
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
        return new GrpcChannelOptions(target, false, null, null, null,
                PdeServerOptions.DEFAULT_MAX_INBOUND_MESSAGE_BYTES);
    }

    /** TLS, trusting {@code trustCertChain}, or the JVM's trust store when it is {@code null}. */
    public static GrpcChannelOptions tls(String target, File trustCertChain) {
        return new GrpcChannelOptions(target, true, trustCertChain, null, null,
                PdeServerOptions.DEFAULT_MAX_INBOUND_MESSAGE_BYTES);
    }

    public GrpcChannelOptions withBearerToken(String token) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authorityOverride, token, maxInboundMessageBytes);
    }

    public GrpcChannelOptions withAuthorityOverride(String authority) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authority, bearerToken, maxInboundMessageBytes);
    }

    public GrpcChannelOptions withMaxInboundMessageBytes(int bytes) {
        return new GrpcChannelOptions(target, tls, trustCertChain, authorityOverride, bearerToken, bytes);
    }

    /**
     * A new channel; the caller owns it and must shut it down.
     *
     * @throws UncheckedIOException if the trust certificate file cannot be read
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
        if (trustCertChain == null) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(trustCertChain).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust certificates from " + trustCertChain, e);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "GrpcChannelOptions[target=" + target
                + ", tls=" + tls
                + (trustCertChain == null ? "" : ", trustCertChain=" + trustCertChain)
                + (authorityOverride == null ? "" : ", authorityOverride=" + authorityOverride)
                + ", bearerToken=" + (bearerToken == null ? "none" : "***")
                + ", maxInboundMessageBytes=" + maxInboundMessageBytes + "]";
    }
}
