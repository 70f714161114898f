package procos.das.vector.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.vector.Chunk;
import procos.das.vector.VectorDimension;

class ChunkArchiveTest {

    private static final VectorDimension THREE = new VectorDimension(3);

    @TempDir
    Path temp;

    @Test
    void chunksComeBackExactlyInBatches() throws Exception {
        List<Chunk> chunks = List.of(
                new Chunk("a", "s", 0, "ünïcødé \"quoted\"\nline", new float[] {Float.MIN_VALUE, -0f, 1e30f}, Map.of("k", "v")),
                new Chunk("b", "s", 1, "", new float[] {1, 2, 3}, Map.of()),
                new Chunk("c", "t", 0, "x", new float[] {0.1f, 0.2f, 0.3f}, Map.of("a", "1", "b", "2")));
        Path file = temp.resolve("all.gz");
        try (ChunkArchiveWriter writer = ChunkArchiveWriter.create(file, THREE, chunks.size())) {
            for (Chunk chunk : chunks) {
                writer.write(chunk);
            }
            writer.finish();
        }

        List<List<Chunk>> batches = new ArrayList<>();
        ArchiveHeader header = ChunkArchiveReader.read(file, 2, batches::add);

        assertThat(header).isEqualTo(new ArchiveHeader(3, 3));
        assertThat(batches).hasSize(2);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(chunks);
    }

    @Test
    void anAbandonedExportLeavesThePreviousArchiveAndNoTemporaryFile() throws Exception {
        Path file = temp.resolve("knowledge.gz");
        Files.writeString(file, "previous archive");

        try (ChunkArchiveWriter writer = ChunkArchiveWriter.create(file, THREE, 2)) {
            writer.write(new Chunk("a", "s", 0, "x", new float[] {1, 0, 0}, Map.of()));
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("announced 2");
        }

        assertThat(file).hasContent("previous archive");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aChunkOfAnotherDimensionCannotBeWritten() throws Exception {
        try (ChunkArchiveWriter writer = ChunkArchiveWriter.create(temp.resolve("x.gz"), THREE, 1)) {
            assertThatThrownBy(() -> writer.write(new Chunk("long", "s", 0, "x", new float[] {1, 0, 0, 0}, Map.of())))
                    .hasMessageContaining("chunk 'long'").hasMessageContaining("dimension 4");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ChunkArchiveReader.verify(temp.resolve("absent.gz")))
                .hasMessageContaining("absent.gz").hasMessageContaining("no such vector archive");
    }
}
