package procos.logging;

/**
 * Handle for a temporarily installed sink; closing it puts back the sink that was active before,
 * so tests can use try-with-resources and never leak their sink into the next test.
 */
public final class SinkOverride implements AutoCloseable {

    private final LogSink previous;
    private boolean closed;

    SinkOverride(LogSink previous) {
        this.previous = previous;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LogOutput.restore(previous);
        }
    }
}
