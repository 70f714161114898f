package procos.das.knowledge.source;

/** The document formats ingestion reads. */
public enum ContentType {
    /** Markdown: its {@code #} headings give chunks their heading path. */
    MARKDOWN("text/markdown"),
    /** Any other text. */
    TEXT("text/plain"),
    /** HTML or XHTML, read as the text a browser would show. */
    HTML("text/html"),
    /** PDF, read as the text PDFBox extracts (scanned pages without a text layer have none). */
    PDF("application/pdf");

    private final String mediaType;

    ContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type recorded in chunk metadata. */
    public String mediaType() {
        return mediaType;
    }
}
