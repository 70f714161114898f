package procos.das.api.logs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A tail's client over Server-Sent Events: a send that fails or stalls means the client went away. */
final class SseClient implements LogTail.Client {

    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final SseEventSink sink;
    private final Sse sse;

    SseClient(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public boolean send(String event, String data) {
        return deliver(sse.newEventBuilder().name(event).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
    }

    @Override
    public boolean heartbeat() {
        return deliver(sse.newEventBuilder().comment("heartbeat").build());
    }

    @Override
    public boolean isClosed() {
        return sink.isClosed();
    }

    private boolean deliver(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }
}
