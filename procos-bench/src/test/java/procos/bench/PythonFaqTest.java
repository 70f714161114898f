package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonFaqTest {

    /** The shape Sphinx gives the FAQ pages: a page section, category sections, question sections. */
    private static final String PAGE = """
            <html><head><title>Programming FAQ &#8212; Python 3.11.2 documentation</title></head><body>
            <section id="programming-faq">
            <h1>Programming FAQ<a class="headerlink" href="#programming-faq" title="Permalink to this heading">¶</a></h1>
            <p>Intro text of the page.</p>
            <section id="general-questions">
            <h2>General Questions<a class="headerlink" href="#general-questions">¶</a></h2>
            <section id="is-there-a-source-code-level-debugger">
            <h3><a class="toc-backref" href="#id3">Is there a source code level debugger?</a><a class="headerlink" href="#is-there-a-source-code-level-debugger">¶</a></h3>
            <p>Yes.</p>
            <p>The <code class="docutils literal notranslate"><span class="pre">pdb</span></code> module is a simple
            debugger.</p>
            <div class="highlight-python3 notranslate"><div class="highlight"><pre><span></span><span class="c1"># start it</span>
            <span class="kn">import</span> <span class="nn">pdb</span>
            </pre></div></div>
            <ul class="simple">
            <li><p>IDLE</p></li>
            <li><p>PythonWin</p></li>
            </ul>
            <section id="a-nested-part">
            <h4>Are nested parts their own entries?<a class="headerlink" href="#a-nested-part">¶</a></h4>
            <p>Nested text.</p>
            </section>
            </section>
            <section id="how-do-you-remove-items">
            <h3>How do you remove items<a class="headerlink" href="#how-do-you-remove-items">¶</a></h3>
            <p>Not a question: no question mark.</p>
            </section>
            <section id="empty-one">
            <h3>Is this one empty?<a class="headerlink" href="#empty-one">¶</a></h3>
            </section>
            </section>
            </section>
            <div class="footer">&copy; Copyright 2001-2026, Python Software Foundation.</div>
            </body></html>
            """;

    @Test
    void questionHeadingsBecomeEntriesWithTheirOwnTextOnly() {
        List<PythonFaq.Entry> entries = PythonFaq.parse(PAGE, "programming");

        assertThat(entries).extracting(PythonFaq.Entry::question)
                .containsExactly("Is there a source code level debugger?", "Are nested parts their own entries?");
        PythonFaq.Entry debugger = entries.get(0);
        assertThat(debugger.id()).isEqualTo("is-there-a-source-code-level-debugger");
        assertThat(debugger.fileName()).isEqualTo("programming--is-there-a-source-code-level-debugger.md");
        assertThat(debugger.answer()).isEqualTo("""
                Yes.

                The pdb module is a simple debugger.

                ```
                # start it
                import pdb
                ```

                - IDLE
                - PythonWin""");
        assertThat(entries.get(1).answer()).isEqualTo("Nested text.");
    }

    @Test
    void sectionsWithoutAnswerTextOrWithoutQuestionMarkAreLeftOut() {
        List<PythonFaq.Entry> entries = PythonFaq.parse(PAGE, "programming");

        assertThat(entries).extracting(PythonFaq.Entry::id).doesNotContain("empty-one", "how-do-you-remove-items",
                "programming-faq", "general-questions");
    }

    @Test
    void proseThatLooksLikeMarkdownHeadingIsEscaped() {
        String html = "<section id=\"q\"><h3>Why?</h3><p># is a comment sign</p></section>";

        assertThat(PythonFaq.parse(html, "design")).singleElement()
                .extracting(PythonFaq.Entry::answer).isEqualTo("\\# is a comment sign");
    }

    @Test
    void codeInsideListItemsStaysFenced() {
        String html = """
                <section id="q"><h3>How do I return two values?</h3>
                <ol class="arabic">
                <li><p>By returning a tuple of the results:</p>
                <div class="highlight-python3 notranslate"><div class="highlight"><pre># a tuple
                return a, b
                </pre></div></div>
                <p>This is almost always the clearest solution.</p>
                </li>
                <li><p>By using global variables.</p></li>
                </ol></section>
                """;

        assertThat(PythonFaq.parse(html, "programming")).singleElement().extracting(PythonFaq.Entry::answer).isEqualTo("""
                - By returning a tuple of the results:

                ```
                # a tuple
                return a, b
                ```

                This is almost always the clearest solution.
                - By using global variables.""");
    }

    @Test
    void documentationVersionComesFromThePageTitle() {
        assertThat(PythonFaq.documentationTitle(PAGE)).isEqualTo("Python 3.11.2 documentation");
        assertThat(RetrievalQualityBenchmark.onlineCopy("Python 3.11.2 documentation")).isEqualTo("https://docs.python.org/3.11/faq/");
    }

    @Test
    void newestVersionedDocumentationFolderIsChosen(@TempDir Path docs) throws IOException {
        for (String dir : List.of("python3", "python3.9", "python3.11", "python3.12-dbg")) {
            Files.createDirectories(docs.resolve(dir).resolve("html/faq"));
        }
        Files.createDirectories(docs.resolve("python3.13"));

        assertThat(PythonFaq.newestFolder(docs)).contains(docs.resolve("python3.11/html/faq"));
        assertThat(PythonFaq.newestFolder(docs.resolve("missing"))).isEmpty();
    }
}
