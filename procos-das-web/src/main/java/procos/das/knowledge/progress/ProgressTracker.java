package procos.das.knowledge.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts one ingestion run and turns the counts into {@link ProgressSnapshot}s for its listener.
 * Chunks are counted on the embedding thread and sources on the ingesting thread, so every method
 * is synchronized and the listener is called one snapshot at a time.
 */
public final class ProgressTracker {

    private final ProgressListener listener;
    private final int sourcesTotal;
    private final long bytesTotal;
    private final long startNanos = System.nanoTime();
    private int sourcesDone;
    private long chunksDone;
    private long bytesDone;
    private ProgressSnapshot last;

    public ProgressTracker(ProgressListener listener, int sourcesTotal, long bytesTotal) {
        this.listener = listener;
        this.sourcesTotal = sourcesTotal;
        this.bytesTotal = bytesTotal;
    }

    /** A batch of a source's chunks was embedded. */
    public synchronized void chunksEmbedded(int count) {
        chunksDone += count;
        report(false);
    }

    /** A source is finished, whatever its outcome. */
    public synchronized void sourceDone(long bytes) {
        sourcesDone++;
        bytesDone += bytes;
        report(false);
    }

    /** The run is over; the last snapshot, reported once however often this is called. */
    public synchronized ProgressSnapshot finish() {
        if (last == null) {
            last = report(true);
        }
        return last;
    }

    /** Where the run stands now, without telling the listener. */
    public synchronized ProgressSnapshot current() {
        return snapshot(false);
    }

    public synchronized long chunksDone() {
        return chunksDone;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private synchronized ProgressSnapshot report(boolean finished) {
        ProgressSnapshot snapshot = snapshot(finished);
        try {
            listener.onProgress(snapshot);
        } catch (RuntimeException e) {
            // A broken listener must not fail the ingestion it only watches.
        }
        return snapshot;
    }

    private ProgressSnapshot snapshot(boolean finished) {
        Duration elapsed = elapsed();
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? chunksDone / seconds : 0;
        Optional<Duration> eta = Optional.empty();
        if (finished) {
            eta = Optional.of(Duration.ZERO);
        } else {
            double doneShare = bytesTotal > 0 ? (double) bytesDone / bytesTotal
                    : sourcesTotal > 0 ? (double) sourcesDone / sourcesTotal : 0;
            if (doneShare > 0) {
                eta = Optional.of(Duration.ofNanos((long) (elapsed.toNanos() * (1 - doneShare) / doneShare)));
            }
        }
        return new ProgressSnapshot(sourcesDone, sourcesTotal, chunksDone, bytesDone, bytesTotal, elapsed, rate, eta, finished);
    }
}
