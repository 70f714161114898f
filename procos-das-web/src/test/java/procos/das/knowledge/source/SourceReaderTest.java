package procos.das.knowledge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTest {

    @TempDir
    Path dir;

    private final SourceReader reader = new SourceReader();

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(SourceText source) throws IOException {
        try (Reader in = source.text()) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    private SourceText read(Path path) throws SourceException {
        return reader.read(new FileSource(path));
    }

    @Test
    void detectsMarkdownAndPlainTextByExtension() throws Exception {
        assertThat(read(file("guide.md", "# Guide\n\nText.\n")).type()).isEqualTo(ContentType.MARKDOWN);
        assertThat(read(file("notes.txt", "plain words\n")).type()).isEqualTo(ContentType.TEXT);
        assertThat(read(file("README", "no extension, still text\n")).type()).isEqualTo(ContentType.TEXT);
    }

    @Test
    void readsHtmlAsItsVisibleTextWithoutScripts() throws Exception {
        Path page = file("page.html", "<html><head><title>T</title><script>var secret = 1;</script></head>"
                + "<body><h1>Welcome</h1><p>First paragraph.</p><p>Second paragraph.</p></body></html>");

        SourceText source = read(page);
        String text = text(source);

        assertThat(source.type()).isEqualTo(ContentType.HTML);
        assertThat(text).contains("Welcome", "First paragraph.", "Second paragraph.").doesNotContain("secret", "<p>");
        assertThat(text).contains("First paragraph.\n\nSecond paragraph.");
    }

    @Test
    void readsPdfTextEvenWhenTheNameSaysText() throws Exception {
        Path pdf = Pdfs.write(dir.resolve("report.txt"), "Quarterly revenue grew by ten percent.", null);

        SourceText source = read(pdf);

        assertThat(source.type()).isEqualTo(ContentType.PDF);
        assertThat(text(source)).contains("Quarterly revenue grew by ten percent.");
    }

    @Test
    void refusesAnEncryptedPdfWithAClearError() throws Exception {
        Path pdf = Pdfs.write(dir.resolve("secret.pdf"), "Hidden.", "user-password");

        assertThatThrownBy(() -> read(pdf)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.problem()).isEqualTo(SourceProblem.ENCRYPTED_PDF);
            assertThat(e.reason()).isEqualTo("ENCRYPTED_PDF: the PDF is password-protected");
        });
    }

    @Test
    void refusesATruncatedPdfAsUnreadable() throws Exception {
        byte[] whole = Files.readAllBytes(Pdfs.write(dir.resolve("whole.pdf"), "Some text.", null));
        Path broken = file("broken.pdf", Arrays.copyOf(whole, 40));

        assertThatThrownBy(() -> read(broken)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.problem()).isEqualTo(SourceProblem.UNREADABLE_PDF));
    }

    @Test
    void refusesBinaryJunkEvenWithATextExtension() throws Exception {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path path = file("data.txt", junk);

        assertThatThrownBy(() -> read(path)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.problem()).isEqualTo(SourceProblem.BINARY_CONTENT));
    }

    @Test
    void refusesAnImageAsUnsupported() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1};
        Path path = file("picture.png", png);

        assertThatThrownBy(() -> read(path)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.problem()).isEqualTo(SourceProblem.UNSUPPORTED_CONTENT_TYPE);
            assertThat(e.getMessage()).contains("image/png");
        });
    }

    @Test
    void fallsBackToWindows1252ForTextThatIsNotUtf8AndSaysSo() throws Exception {
        Path latin = file("latin.txt", "Caf\u00e9 cr\u00e8me \u201cquoted\u201d".getBytes("windows-1252"));

        SourceText source = read(latin);

        assertThat(text(source)).isEqualTo("Caf\u00e9 cr\u00e8me \u201cquoted\u201d");
        assertThat(source.notes()).containsExactly("not valid UTF-8 (first invalid byte at offset 3), read as windows-1252");
    }

    @Test
    void readsUtf8AndUtf16ByteOrderMarksAndDropsThem() throws Exception {
        byte[] utf8 = ("\uFEFF" + "h\u00e9llo").getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = ("\uFEFF" + "h\u00e9llo").getBytes(StandardCharsets.UTF_16LE);

        SourceText fromUtf8 = read(file("bom8.txt", utf8));
        SourceText fromUtf16 = read(file("bom16.txt", utf16));

        assertThat(text(fromUtf8)).isEqualTo("h\u00e9llo");
        assertThat(text(fromUtf16)).isEqualTo("h\u00e9llo");
        assertThat(fromUtf8.notes()).isEmpty();
    }

    @Test
    void usesTheDeclaredContentTypeOfAFetchedDocument() throws Exception {
        FetchedSource fetched = new FetchedSource(java.net.URI.create("https://docs.example.org/page"),
                new FetchedDocument("<p>Fetched body.</p>".getBytes(StandardCharsets.UTF_8), Optional.of("text/html; charset=utf-8")));

        SourceText source = reader.read(fetched);

        assertThat(source.type()).isEqualTo(ContentType.HTML);
        assertThat(text(source)).contains("Fetched body.");
    }
}
