package procos.das.knowledge.source;

import dev.langchain4j.data.document.BlankDocumentException;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;
import java.io.IOException;
import java.io.InputStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/** The text of a PDF, through langchain4j's PDFBox parser. */
final class PdfText {

    private final ApachePdfBoxDocumentParser parser = new ApachePdfBoxDocumentParser();

    /**
     * @return the extracted text; empty for a PDF without a text layer (scanned pages)
     * @throws SourceException {@link SourceProblem#ENCRYPTED_PDF} or {@link SourceProblem#UNREADABLE_PDF}
     */
    String extract(Source source) throws SourceException {
        try (InputStream in = source.open()) {
            return parser.parse(in).text();
        } catch (BlankDocumentException e) {
            return "";
        } catch (IOException e) {
            throw SourceErrors.io("read", e);
        } catch (RuntimeException e) {
            // The parser wraps PDFBox's IOException in a RuntimeException.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InvalidPasswordException) {
                throw new SourceException(SourceProblem.ENCRYPTED_PDF, "the PDF is password-protected");
            }
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new SourceException(SourceProblem.UNREADABLE_PDF, "PDFBox cannot parse it: " + detail);
        }
    }
}
