package procos.pde.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import procos.logging.StructuredLogger;

/**
 * Admits a call only if it carries {@code authorization: Bearer <token>} with the configured
 * token. A shared secret rather than mTLS because PDEs are called by the kernel and by each other
 * inside one installation, where a token from configuration is the simplest thing that still
 * keeps strangers out.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither the
 * content nor the length of the expected token leaks through response timing. Rejections never
 * echo what the caller sent.
 *
 * <p>{@link PdeGrpcServer} attaches this interceptor to the PDE service only, not server-wide, so
 * the health and reflection services stay open for probes and tooling.
 */
public final class BearerTokenInterceptor implements ServerInterceptor {

    /** The standard header; gRPC metadata keys are lower case. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final StructuredLogger LOG = StructuredLogger.forComponent("grpc");
    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    public BearerTokenInterceptor(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("bearer token must not be blank");
        }
        this.expectedDigest = sha256(token);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null) {
            return reject(call, "missing bearer token");
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return reject(call, "authorization header is not a bearer token");
        }
        byte[] presented = sha256(header.substring(SCHEME.length()).trim());
        if (!MessageDigest.isEqual(expectedDigest, presented)) {
            return reject(call, "invalid bearer token");
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String reason) {
        LOG.warn("auth_rejected")
                .with("method", call.getMethodDescriptor().getFullMethodName())
                .with("reason", reason)
                .log();
        call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor[***]";
    }
}
