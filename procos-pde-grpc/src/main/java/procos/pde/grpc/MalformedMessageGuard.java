package procos.pde.grpc;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.InputStream;
import procos.logging.StructuredLogger;

/**
 * Answers a request that is not a valid protobuf message with {@code INVALID_ARGUMENT} naming the
 * method and the parser's complaint. grpc-java parses requests before any service code runs and
 * reports a parse failure as {@code UNKNOWN} ("Application error processing RPC"), which tells a
 * client in another language nothing about what it sent wrong.
 *
 * <p>The guarded service receives raw streams; this interceptor parses them once with the
 * method's own marshaller and hands the parsed message on as the marshaller's own stream, which
 * the marshaller recognises and returns without parsing again.
 */
final class MalformedMessageGuard implements ServerInterceptor {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("grpc");

    private final ServerServiceDefinition service;

    private MalformedMessageGuard(ServerServiceDefinition service) {
        this.service = service;
    }

    /** {@code service}, with every method's request parsed here first. */
    static ServerServiceDefinition guard(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service),
                new MalformedMessageGuard(service));
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        MethodDescriptor<?, ?> typed = service.getMethod(method).getMethodDescriptor();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(ReqT message) {
                if (refused) {
                    return;
                }
                Object parsed;
                try {
                    parsed = typed.parseRequest((InputStream) message);
                } catch (RuntimeException e) {
                    refused = true;
                    String problem = Status.fromThrowable(e).getCause() != null
                            ? Status.fromThrowable(e).getCause().getMessage() : e.getMessage();
                    LOG.warn("grpc_malformed_request").with("method", method).with("problem", problem).log();
                    call.close(Status.INVALID_ARGUMENT.withDescription("request to " + method + " is not a valid "
                            + requestType(typed) + ": " + problem), new Metadata());
                    return;
                }
                super.onMessage(reparsable(typed, parsed));
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    private static String requestType(MethodDescriptor<?, ?> method) {
        if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> prototype
                && prototype.getMessagePrototype() instanceof Message message) {
            return message.getDescriptorForType().getFullName();
        }
        return "request message";
    }

    @SuppressWarnings("unchecked")
    private static <ReqT, T> ReqT reparsable(MethodDescriptor<T, ?> method, Object parsed) {
        return (ReqT) method.streamRequest((T) parsed);
    }
}
