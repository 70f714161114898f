package procos.das.knowledge.source;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.transformer.jsoup.HtmlToTextDocumentTransformer;

/**
 * The text a browser would show for an HTML page, through langchain4j's jsoup transformer: scripts
 * and styles dropped, paragraphs and headings kept on lines of their own so the chunker still sees
 * the page's structure.
 */
final class HtmlText {

    private final HtmlToTextDocumentTransformer transformer = new HtmlToTextDocumentTransformer();

    String extract(String html) {
        if (html.isBlank()) {
            return "";
        }
        return transformer.transform(Document.from(html)).text();
    }
}
