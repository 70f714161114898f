package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The Python FAQ (CPython's {@code Doc/faq}, as Sphinx renders it to HTML) as a retrieval test
 * set: every section whose heading is a question ({@code …?}) is one entry, the question being the
 * heading and the answer the section's own text — without its heading and without the sections
 * nested in it. Debian ships the pages in {@code python3-doc}.
 */
final class PythonFaq {

    /** The FAQ's pages, by file name without {@code .html}; {@code index} only lists them. */
    static final List<String> PAGES = List.of("general", "programming", "design", "library", "extending", "windows", "gui", "installed");

    static final String DEFAULT_DOC_ROOT = "/usr/share/doc";

    private static final Pattern PYTHON_DOC_DIR = Pattern.compile("python3(?:\\.(\\d+))?");
    /** Lines the chunker would read as a Markdown heading or a code fence. */
    private static final Pattern MARKDOWN_SYNTAX = Pattern.compile("^ {0,3}(#|```|~~~)");

    private PythonFaq() {
    }

    /**
     * One question and its answer.
     *
     * @param page     the FAQ page it is on ({@code programming})
     * @param id       the section's id in that page, its permalink anchor
     * @param question the heading, without the permalink sign
     * @param answer   the section's text as Markdown: paragraphs, "- " list items, fenced code
     */
    record Entry(String page, String id, String question, String answer) {

        /** A stable file name: one per entry, the same in every run. */
        String fileName() {
            return page + "--" + id + ".md";
        }
    }

    /** The entries of one FAQ page, in page order; sections whose answer is empty are left out. */
    static List<Entry> parse(String html, String page) {
        Document document = Jsoup.parse(html);
        List<Entry> entries = new ArrayList<>();
        for (Element section : document.select("section[id], div.section[id]")) {
            Optional<Element> heading = section.children().stream().filter(PythonFaq::isHeading).findFirst();
            if (heading.isEmpty()) {
                continue;
            }
            String question = heading.get().text().replace("¶", "").strip();
            if (!question.endsWith("?")) {
                continue;
            }
            String answer = answer(section);
            if (!answer.isBlank()) {
                entries.add(new Entry(page, section.id(), question, answer));
            }
        }
        return entries;
    }

    /** The section's own blocks as Markdown, blank-line separated; headings and nested sections left out. */
    static String answer(Element section) {
        List<String> blocks = new ArrayList<>();
        for (Element child : section.children()) {
            if (!isHeading(child) && !isSection(child)) {
                blocks.addAll(blocks(child));
            }
        }
        return String.join("\n\n", blocks);
    }

    /**
     * An element as Markdown blocks: code as a fence (kept line by line), a list as "- " items,
     * anything else as one paragraph of its text — unless it holds code, then block by block, so
     * that no line of code ever reaches the chunker outside a fence (a "# comment" would read as a
     * heading).
     */
    private static List<String> blocks(Element element) {
        if (element.is("pre") || element.is("div[class^=highlight]")) {
            Element pre = element.is("pre") ? element : element.selectFirst("pre");
            String code = (pre == null ? element.wholeText() : pre.wholeText()).stripTrailing();
            return code.isBlank() ? List.of() : List.of("```\n" + code + "\n```");
        }
        if (element.is("ul, ol")) {
            List<String> items = new ArrayList<>();
            for (Element item : element.children()) {
                String text = String.join("\n\n", blocks(item));
                if (!text.isBlank()) {
                    items.add("- " + text);
                }
            }
            return items.isEmpty() ? List.of() : List.of(String.join("\n", items));
        }
        if (element.selectFirst("pre") == null) {
            String text = paragraph(element.text().strip());
            return text.isEmpty() ? List.of() : List.of(text);
        }
        List<String> blocks = new ArrayList<>();
        for (Node node : element.childNodes()) {
            if (node instanceof Element child) {
                blocks.addAll(blocks(child));
            } else if (node instanceof TextNode text && !text.isBlank()) {
                blocks.add(paragraph(text.text().strip()));
            }
        }
        return blocks;
    }

    /** Prose that starts like a heading or a fence is escaped, so the chunker reads it as prose. */
    private static String paragraph(String text) {
        return MARKDOWN_SYNTAX.matcher(text).find() ? "\\" + text : text;
    }

    private static boolean isHeading(Element element) {
        return element.normalName().matches("h[1-6]");
    }

    private static boolean isSection(Element element) {
        return element.is("section") || element.is("div.section");
    }

    /** The documentation's own version line, from a page's title ("… — Python 3.11.2 documentation"). */
    static String documentationTitle(String html) {
        String title = Jsoup.parse(html).title();
        int dash = title.lastIndexOf('—');
        return dash < 0 ? title.strip() : title.substring(dash + 1).strip();
    }

    /**
     * The FAQ folder of the newest Python 3 documentation under {@code docRoot}
     * ({@code python3.N/html/faq}, highest N; {@code python3/html/faq} when no versioned folder has one).
     */
    static Optional<Path> newestFolder(Path docRoot) throws IOException {
        if (!Files.isDirectory(docRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(docRoot)) {
            return dirs.filter(dir -> PYTHON_DOC_DIR.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> Files.isDirectory(dir.resolve("html/faq")))
                    .max(Comparator.comparingInt(PythonFaq::minorVersion))
                    .map(dir -> dir.resolve("html/faq"));
        }
    }

    private static int minorVersion(Path dir) {
        Matcher matcher = PYTHON_DOC_DIR.matcher(dir.getFileName().toString());
        return matcher.matches() && matcher.group(1) != null ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
