package procos.pde.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries an optional {@code x-correlation-id} request header into the call's gRPC {@link Context},
 * so that a caller that does not fill {@code TaskSpec.correlation} (a script, grpcurl, another
 * service) can still tie the PDE's log lines to its own. The spec's correlation id wins when both
 * are present; this is only the fallback.
 *
 * <p>A {@code Context} value rather than a thread-local because gRPC may run one call's callbacks
 * on different threads; the Context travels with the call (and into tasks wrapped with
 * {@link Context#wrap(Runnable)}).
 */
public final class CorrelationIdInterceptor implements ServerInterceptor {

    public static final Metadata.Key<String> HEADER =
            Metadata.Key.of("x-correlation-id", Metadata.ASCII_STRING_MARSHALLER);

    /** The header's value for the current call, or {@code null} when the caller sent none. */
    public static final Context.Key<String> CORRELATION_ID = Context.key("procos.correlation_id");

    /** Longer values are cut: the header is caller-controlled and ends up in every log line. */
    static final int MAX_LENGTH = 128;

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String value = headers.get(HEADER);
        if (value == null || value.isBlank()) {
            return next.startCall(call, headers);
        }
        String id = value.strip();
        if (id.length() > MAX_LENGTH) {
            id = id.substring(0, MAX_LENGTH);
        }
        return Contexts.interceptCall(Context.current().withValue(CORRELATION_ID, id), call, headers, next);
    }

    /** The correlation id sent in the current call's headers, or {@code null}. */
    public static String current() {
        return CORRELATION_ID.get();
    }
}
