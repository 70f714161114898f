package procos.das.knowledge.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides a source's {@link ContentType} from its magic bytes, its name's extension and any
 * declared type, through Apache Tika's MIME database: magic bytes win over a misleading extension
 * (a PDF named {@code notes.txt} is read as a PDF), and the extension refines what magic cannot
 * tell apart (Markdown from plain text).
 */
public final class ContentTypeDetector {

    private static final MediaType MARKDOWN = MediaType.parse("text/x-web-markdown");
    private static final MediaType MARKDOWN_IANA = MediaType.parse("text/markdown");
    private static final MediaType XHTML = MediaType.parse("application/xhtml+xml");

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();

    /**
     * @throws SourceException {@link SourceProblem#BINARY_CONTENT} when nothing about the bytes says
     *                         text or a document format, {@link SourceProblem#UNSUPPORTED_CONTENT_TYPE}
     *                         for a recognized format ingestion does not read
     */
    public ContentType detect(Source source) throws SourceException {
        MediaType detected = detectMediaType(source);
        if (detected.equals(MediaType.application("pdf"))) {
            return ContentType.PDF;
        }
        if (detected.equals(MediaType.TEXT_HTML) || detected.equals(XHTML)) {
            return ContentType.HTML;
        }
        if (detected.equals(MARKDOWN) || detected.equals(MARKDOWN_IANA)) {
            return ContentType.MARKDOWN;
        }
        if ("text".equals(detected.getType()) || registry.isSpecializationOf(detected, MediaType.TEXT_PLAIN)) {
            return ContentType.TEXT;
        }
        if (detected.equals(MediaType.OCTET_STREAM)) {
            throw new SourceException(SourceProblem.BINARY_CONTENT,
                    "the content is neither text nor a supported document format (Markdown, text, HTML, PDF)");
        }
        throw new SourceException(SourceProblem.UNSUPPORTED_CONTENT_TYPE,
                "detected " + detected + "; supported are Markdown, plain text, HTML and PDF");
    }

    private MediaType detectMediaType(Source source) throws SourceException {
        Metadata hints = new Metadata();
        hints.set(TikaCoreProperties.RESOURCE_NAME_KEY, source.name());
        source.declaredContentType().ifPresent(type -> hints.set(Metadata.CONTENT_TYPE, type));
        try (InputStream in = new BufferedInputStream(source.open())) {
            return mimeTypes.detect(in, hints).getBaseType();
        } catch (IOException e) {
            throw SourceErrors.io("detect the content type of", e);
        }
    }
}
