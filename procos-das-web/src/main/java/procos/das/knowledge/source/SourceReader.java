package procos.das.knowledge.source;

import java.io.StringReader;
import java.util.List;

/**
 * Opens any supported source as text: detects its type, then streams text and Markdown through the
 * {@link TextDecoder} and extracts HTML and PDF with their parsers. Thread-safe; one per ingestor.
 */
public final class SourceReader {

    private final ContentTypeDetector detector = new ContentTypeDetector();
    private final TextDecoder decoder = new TextDecoder();

    /** @throws SourceException when this source cannot be read as text; others are unaffected */
    public SourceText read(Source source) throws SourceException {
        ContentType type = detector.detect(source);
        return switch (type) {
            case PDF -> new SourceText(type, new StringReader(new PdfText().extract(source)), List.of());
            case HTML -> {
                DecodedText decoded = decoder.open(source);
                String text = new HtmlText().extract(TextDecoder.readAll(decoded));
                yield new SourceText(type, new StringReader(text), decoded.note().stream().toList());
            }
            case MARKDOWN, TEXT -> {
                DecodedText decoded = decoder.open(source);
                yield new SourceText(type, decoded.reader(), decoded.note().stream().toList());
            }
        };
    }
}
