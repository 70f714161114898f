package procos.das.knowledge.progress;

/**
 * Receives progress while an ingestion runs: after each embedded batch and each finished source,
 * and once more, {@link ProgressSnapshot#finished() finished}, at the end. Called on the ingesting
 * thread, so implementations return quickly and never throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = snapshot -> {
    };

    void onProgress(ProgressSnapshot snapshot);

    /** Both this listener and {@code other}, in that order. */
    default ProgressListener and(ProgressListener other) {
        return snapshot -> {
            onProgress(snapshot);
            other.onProgress(snapshot);
        };
    }
}
