package procos.das.knowledge.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    private static ManifestEntry indexed(String source, int chunks) {
        return new ManifestEntry(source, "ab".repeat(32), chunks, "all-minilm-l6-v2-q",
                Instant.parse("2026-11-24T10:00:00Z"), SourceStatus.INDEXED, null);
    }

    @Test
    void aMissingFileIsAnEmptyManifest() throws IOException {
        assertThat(Manifest.load(dir.resolve("manifest.jsonl")).entries()).isEmpty();
    }

    @Test
    void savedEntriesAreJsonLinesSortedBySourceAndLoadBack() throws IOException {
        Path file = dir.resolve("manifest.jsonl");
        Manifest manifest = Manifest.load(file);
        manifest.put(indexed("/docs/b.md", 3));
        manifest.put(indexed("/docs/a.md", 5));
        manifest.put(new ManifestEntry("/docs/c.pdf", "cd".repeat(32), 0, null, Instant.parse("2026-11-24T10:00:01Z"),
                SourceStatus.FAILED, "ENCRYPTED_PDF: the PDF is password-protected"));

        manifest.save();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"source\":\"/docs/a.md\",\"sha256\":\"" + "ab".repeat(32)
                + "\",\"chunks\":5,\"model\":\"all-minilm-l6-v2-q\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"status\":\"INDEXED\"}");
        assertThat(Manifest.load(file).entries()).containsExactlyElementsOf(manifest.entries());
    }

    @Test
    void saveReplacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("manifest.jsonl");
        Manifest manifest = Manifest.load(file);
        manifest.put(indexed("/docs/a.md", 1));
        manifest.save();
        manifest.remove("/docs/a.md");
        manifest.put(indexed("/docs/z.md", 2));

        manifest.save();

        assertThat(Manifest.load(file).entries()).extracting(ManifestEntry::source).containsExactly("/docs/z.md");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aCorruptLineIsRefusedNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("manifest.jsonl");
        Manifest manifest = Manifest.load(file);
        manifest.put(indexed("/docs/a.md", 1));
        manifest.save();
        Files.writeString(file, "{\"source\": \"/docs/b.md\", \"sha256\":", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Manifest.load(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("manifest " + file + " line 2 is not a valid entry");
    }

    @Test
    void anEntryCoversOnlyTheSameContentEmbeddedByTheSameModel() {
        ManifestEntry entry = indexed("/docs/a.md", 1);

        assertThat(entry.covers("ab".repeat(32), "all-minilm-l6-v2-q")).isTrue();
        assertThat(entry.covers("ab".repeat(32), "all-minilm-l6-v2")).isFalse();
        assertThat(entry.covers("cd".repeat(32), "all-minilm-l6-v2-q")).isFalse();
    }
}
