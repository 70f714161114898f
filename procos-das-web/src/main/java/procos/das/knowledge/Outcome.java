package procos.das.knowledge;

/** What an ingestion did with one source. */
public enum Outcome {
    /** Chunked, embedded and stored (replacing its previous chunks). */
    INDEXED,
    /** Left alone: unchanged since the manifest was written, or empty. */
    SKIPPED,
    /** Gone from the folder, so its chunks were deleted. */
    REMOVED,
    /** Could not be ingested; the reason says why. Chunks of an earlier version stay stored. */
    FAILED
}
