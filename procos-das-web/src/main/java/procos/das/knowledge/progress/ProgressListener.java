package procos.das.knowledge.progress;

/**
 * Receives progress while an ingestion runs: after each embedded batch and each finished source,
 * and once more, {@link ProgressSnapshot#finished() finished}, at the end. Called one snapshot at a
 * time from the ingestion's threads, so implementations return quickly; what they throw is ignored.
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
