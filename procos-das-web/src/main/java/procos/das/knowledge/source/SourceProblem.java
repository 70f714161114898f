package procos.das.knowledge.source;

/** Why a source was refused; stable codes that reports and the manifest carry. */
public enum SourceProblem {
    /** Larger than the configured maximum size. */
    TOO_LARGE,
    /** The bytes are not text and not a supported document format. */
    BINARY_CONTENT,
    /** A recognized format that ingestion does not read (an image, an archive, …). */
    UNSUPPORTED_CONTENT_TYPE,
    /** A PDF that needs a password. */
    ENCRYPTED_PDF,
    /** A PDF that PDFBox cannot parse (truncated, damaged, not really a PDF). */
    UNREADABLE_PDF,
    /** The source could not be read (permissions, vanished, I/O error). */
    IO_ERROR,
    /** A URL that the fetcher could not or would not fetch. */
    FETCH_FAILED
}
