package procos.das.api.knowledge;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import procos.das.api.ApiJsonb;

/**
 * Streams a job to one SSE client: a {@value #EVENT} event with the job's JSON now and at every
 * change, the last one with the job ended, then the stream closes. A client that went away stops
 * its watching.
 */
final class JobEvents {

    static final String EVENT = "progress";
    private static final Jsonb JSON = new ApiJsonb().getContext(JobView.class);

    private JobEvents() {
    }

    static void stream(IngestionJob job, SseEventSink sink, Sse sse) {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<Runnable> stop = new AtomicReference<>(() -> { });
        stop.set(job.watch(view -> {
            if (closed.get()) {
                return;
            }
            sink.send(sse.newEventBuilder().name(EVENT).data(String.class, JSON.toJson(view)).build())
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            close(sink, closed, stop.get());
                        }
                    });
            if (view.ended()) {
                close(sink, closed, stop.get());
            }
        }));
        if (job.view().ended()) {
            close(sink, closed, stop.get());
        }
    }

    private static void close(SseEventSink sink, AtomicBoolean closed, Runnable stop) {
        if (closed.compareAndSet(false, true)) {
            stop.run();
            sink.close();
        }
    }
}
