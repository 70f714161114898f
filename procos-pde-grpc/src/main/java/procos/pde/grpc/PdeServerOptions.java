package procos.pde.grpc;

import java.io.File;
import java.util.Optional;

/**
 * How a {@link PdeGrpcServer} is exposed: message size limit, authentication, TLS and the size of
 * the worker pool behind {@code ExecuteStream}. A value object so that configuration code can build
 * it from properties and tests can state exactly what they need.
 *
 * <p>A server without a bearer token would accept work from anyone who can reach the port, so a
 * token is required unless {@code devMode} is set explicitly; that choice is made visible here
 * instead of by an empty property.
 *
 * @param maxInboundMessageBytes largest request the server accepts; larger ones fail with
 *     {@code RESOURCE_EXHAUSTED} before reaching the executor
 * @param bearerToken token every {@code PdeService} call must present as {@code authorization:
 *     Bearer <token>}; {@code null} only in dev mode
 * @param devMode allows running without a token (local development and tests only)
 * @param tlsCertChain PEM certificate chain for TLS, together with {@code tlsPrivateKey}; both
 *     {@code null} for plaintext
 * @param tlsPrivateKey PEM (PKCS#8) private key for {@code tlsCertChain}
 * @param tlsClientCa PEM certificates of the authorities whose client certificates are accepted:
 *     when set, every caller must present one (mutual TLS); {@code null} for none. TLS only
 * @param streamWorkers threads running {@code ExecuteStream} tasks
 * @param streamQueueCapacity stream tasks that may wait for a worker; beyond that a task is
 *     answered {@code REJECTED/OVERLOADED} (retryable) instead of queueing without bound
 */
public record PdeServerOptions(
        int maxInboundMessageBytes,
        String bearerToken,
        boolean devMode,
        File tlsCertChain,
        File tlsPrivateKey,
        File tlsClientCa,
        int streamWorkers,
        int streamQueueCapacity) {

    /** 4 MiB, gRPC's own default, stated here so that it is a decision rather than an accident. */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_STREAM_QUEUE_CAPACITY = 256;

    public PdeServerOptions {
        if (maxInboundMessageBytes <= 0) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be positive, was " + maxInboundMessageBytes);
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        if (bearerToken == null && !devMode) {
            throw new IllegalArgumentException("the PDE gRPC server needs a bearer token: configure one, "
                    + "or set devMode=true to run without authentication (never in production)");
        }
        if ((tlsCertChain == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and a private key file, or neither");
        }
        if (tlsClientCa != null && tlsCertChain == null) {
            throw new IllegalArgumentException("client certificates can only be required over TLS: "
                    + "configure the server's certificate chain and private key too");
        }
        if (streamWorkers <= 0) {
            throw new IllegalArgumentException("streamWorkers must be positive, was " + streamWorkers);
        }
        if (streamQueueCapacity < 0) {
            throw new IllegalArgumentException("streamQueueCapacity must not be negative, was " + streamQueueCapacity);
        }
    }

    /** Production defaults: token required, plaintext until {@link #withTls} is applied. */
    public static PdeServerOptions secured(String bearerToken) {
        return new PdeServerOptions(DEFAULT_MAX_INBOUND_MESSAGE_BYTES, bearerToken, false, null, null, null,
                defaultWorkers(), DEFAULT_STREAM_QUEUE_CAPACITY);
    }

    /** No authentication; for local development and tests. */
    public static PdeServerOptions dev() {
        return new PdeServerOptions(DEFAULT_MAX_INBOUND_MESSAGE_BYTES, null, true, null, null, null,
                defaultWorkers(), DEFAULT_STREAM_QUEUE_CAPACITY);
    }

    public PdeServerOptions withMaxInboundMessageBytes(int bytes) {
        return new PdeServerOptions(bytes, bearerToken, devMode, tlsCertChain, tlsPrivateKey, tlsClientCa,
                streamWorkers, streamQueueCapacity);
    }

    public PdeServerOptions withTls(File certChain, File privateKey) {
        return new PdeServerOptions(maxInboundMessageBytes, bearerToken, devMode, certChain, privateKey, tlsClientCa,
                streamWorkers, streamQueueCapacity);
    }

    /** Mutual TLS: only callers presenting a certificate issued by one of {@code clientCa} get through. */
    public PdeServerOptions withClientCertificatesFrom(File clientCa) {
        return new PdeServerOptions(maxInboundMessageBytes, bearerToken, devMode, tlsCertChain, tlsPrivateKey, clientCa,
                streamWorkers, streamQueueCapacity);
    }

    public PdeServerOptions withStreamPool(int workers, int queueCapacity) {
        return new PdeServerOptions(maxInboundMessageBytes, bearerToken, devMode, tlsCertChain, tlsPrivateKey,
                tlsClientCa, workers, queueCapacity);
    }

    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    public boolean tlsEnabled() {
        return tlsCertChain != null;
    }

    /** Never prints the token: options end up in startup logs and exception messages. */
    @Override
    public String toString() {
        return "PdeServerOptions[maxInboundMessageBytes=" + maxInboundMessageBytes
                + ", bearerToken=" + (bearerToken == null ? "none" : "***")
                + ", devMode=" + devMode
                + ", tls=" + (tlsEnabled() ? tlsCertChain : "off")
                + (tlsClientCa == null ? "" : ", tlsClientCa=" + tlsClientCa)
                + ", streamWorkers=" + streamWorkers
                + ", streamQueueCapacity=" + streamQueueCapacity + "]";
    }

    private static int defaultWorkers() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
