package procos.pde.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/**
 * Client side of {@link BearerTokenInterceptor}: adds {@code authorization: Bearer <token>} to
 * every call. As {@link CallCredentials} rather than a header interceptor because that is gRPC's
 * place for per-call authentication, applied after the transport (and its TLS) is chosen.
 *
 * <p>The token travels in clear text over a plaintext channel; use TLS outside local development.
 */
public final class BearerTokenCredentials extends CallCredentials {

    private final String headerValue;

    public BearerTokenCredentials(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("bearer token must not be blank");
        }
        this.headerValue = "Bearer " + token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, headerValue);
        applier.apply(headers);
    }

    @Override
    public String toString() {
        return "BearerTokenCredentials[***]";
    }
}
