package procos.das.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.api.ApiProblem;

class UploadsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};

    @TempDir
    Path root;

    private Uploads uploads(long max) {
        return new Uploads(new KnowledgeFolder(root), max);
    }

    private static ByteArrayInputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            return problem.status();
        }
        throw new AssertionError("no problem was raised");
    }

    @Test
    void namesWithPathsParentsHiddenOrControlCharactersAreRefusedWith422() {
        for (String name : new String[] {"../../etc/passwd", "a/b.md", "..\\x.md", "..", ".hidden.md", "bad\u0000.md", "what?.md", " ", ""}) {
            assertThat(status(() -> UploadName.checked(name))).as(name).isEqualTo(422);
        }
        assertThat(status(() -> UploadName.checked(null))).isEqualTo(422);
        assertThat(status(() -> UploadName.checked("x".repeat(201) + ".md"))).isEqualTo(422);
    }

    @Test
    void plainNamesAreKeptAsGiven() {
        assertThat(UploadName.checked(" Release notes 2.1.md ")).isEqualTo("Release notes 2.1.md");
        assertThat(UploadName.checked("Übersicht.txt")).isEqualTo("Übersicht.txt");
    }

    @Test
    void markdownIsStoredUnderUploadsWithItsName() throws IOException {
        Path stored = uploads(1024).store("guide.md", text("# Guide\n\nHello."), false);

        assertThat(stored).isEqualTo(root.resolve("uploads/guide.md"));
        assertThat(Files.readString(stored)).isEqualTo("# Guide\n\nHello.");
        assertThat(hiddenLeftovers()).isZero();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWith413AndNothingIsKept() throws IOException {
        ApiProblem problem = (ApiProblem) org.assertj.core.api.Assertions.catchThrowable(
                () -> uploads(10).store("big.md", text("more than ten bytes of text"), false));

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.getMessage()).startsWith("file: larger than 10 bytes");
        assertThat(root.resolve("uploads/big.md")).doesNotExist();
        assertThat(hiddenLeftovers()).isZero();
    }

    @Test
    void contentIngestionCannotReadIsRefusedWith415WhateverItsName() throws IOException {
        ApiProblem problem = (ApiProblem) org.assertj.core.api.Assertions.catchThrowable(
                () -> uploads(1024).store("picture.md", new ByteArrayInputStream(PNG), false));

        assertThat(problem.status()).isEqualTo(415);
        assertThat(problem.getMessage()).contains("image/png");
        assertThat(root.resolve("uploads/picture.md")).doesNotExist();
        assertThat(hiddenLeftovers()).isZero();
    }

    @Test
    void anEmptyFileIsRefusedWith422() {
        assertThat(status(() -> {
            try {
                uploads(1024).store("empty.md", text(""), false);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        })).isEqualTo(422);
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAskedTo() throws IOException {
        Uploads uploads = uploads(1024);
        uploads.store("notes.txt", text("first"), false);

        assertThatThrownBy(() -> uploads.store("notes.txt", text("second"), false))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));
        assertThat(Files.readString(root.resolve("uploads/notes.txt"))).isEqualTo("first");

        uploads.store("notes.txt", text("second"), true);
        assertThat(Files.readString(root.resolve("uploads/notes.txt"))).isEqualTo("second");
    }

    @Test
    void referencesMustStayInsideTheFolderAndExist() throws IOException {
        KnowledgeFolder folder = new KnowledgeFolder(root);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), "# A");

        assertThat(folder.resolve("path", "docs/a.md")).isEqualTo(root.resolve("docs/a.md"));
        assertThat(folder.resolve("path", "docs")).isEqualTo(root.resolve("docs"));
        for (String bad : new String[] {"../outside", "docs/../../x", "/etc/passwd", "docs/missing.md", ".git", ""}) {
            assertThat(status(() -> folder.resolve("path", bad))).as(bad).isEqualTo(422);
        }
    }

    private long hiddenLeftovers() throws IOException {
        if (!Files.isDirectory(root.resolve("uploads"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(root.resolve("uploads"))) {
            return files.filter(file -> file.getFileName().toString().startsWith(".")).count();
        }
    }
}
