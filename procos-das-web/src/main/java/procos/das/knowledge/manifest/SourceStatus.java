package procos.das.knowledge.manifest;

/** The state of a source as the manifest records it. */
public enum SourceStatus {
    /** Its chunks for this hash are in the vector store. */
    INDEXED,
    /** It has no text (empty file, blank text, a PDF without a text layer); nothing is stored. */
    EMPTY,
    /** It could not be read; chunks of an earlier version, if any, are still stored. */
    FAILED
}
