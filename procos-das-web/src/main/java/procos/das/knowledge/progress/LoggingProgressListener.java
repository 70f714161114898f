package procos.das.knowledge.progress;

import java.time.Duration;
import java.util.Objects;
import procos.logging.StructuredLogger;

/**
 * Logs progress as {@code knowledge_progress} events, at most once per interval so a long run
 * writes a line every few seconds rather than one per batch; the final snapshot is always logged.
 */
public final class LoggingProgressListener implements ProgressListener {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.knowledge");

    private final long intervalNanos;
    private long lastLoggedNanos;
    private boolean loggedOnce;

    public LoggingProgressListener(Duration interval) {
        this.intervalNanos = Objects.requireNonNull(interval, "interval").toNanos();
    }

    @Override
    public synchronized void onProgress(ProgressSnapshot snapshot) {
        long now = System.nanoTime();
        if (!snapshot.finished() && loggedOnce && now - lastLoggedNanos < intervalNanos) {
            return;
        }
        loggedOnce = true;
        lastLoggedNanos = now;
        LOG.info("knowledge_progress").with(snapshot.asMap()).log();
    }
}
