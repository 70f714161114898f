package procos.pde.endpoint.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileAppearsWithTheWholeContentAndNoTemporaryFileIsLeft() throws IOException {
        Path target = dir.resolve("new.txt");

        AtomicWriter.write(target, "hello".getBytes(StandardCharsets.UTF_8), false);

        assertThat(target).hasContent("hello");
        assertThat(names()).containsExactly("new.txt");
    }

    @Test
    void withoutOverwriteAnExistingFileIsNeverReplaced() throws IOException {
        Path target = Files.writeString(dir.resolve("kept.txt"), "original");

        assertThatThrownBy(() -> AtomicWriter.write(target, "replacement".getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("original");
        assertThat(names()).containsExactly("kept.txt");
    }

    @Test
    void withOverwriteTheFileIsReplacedWhole() throws IOException {
        Path target = Files.writeString(dir.resolve("replaced.txt"), "a much longer original content");

        AtomicWriter.write(target, "short".getBytes(StandardCharsets.UTF_8), true);

        assertThat(target).hasContent("short");
        assertThat(names()).containsExactly("replaced.txt");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path missingDirectory = dir.resolve("missing").resolve("x.txt");

        assertThatThrownBy(() -> AtomicWriter.write(missingDirectory, new byte[] {1}, true)).isInstanceOf(IOException.class);

        assertThat(names()).isEmpty();
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
