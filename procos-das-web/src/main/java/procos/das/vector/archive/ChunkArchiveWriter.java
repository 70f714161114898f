package procos.das.vector.archive;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.METADATA;
import static procos.das.vector.ChunkFields.POSITION;
import static procos.das.vector.ChunkFields.SOURCE_ID;
import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;
import static procos.das.vector.archive.ArchiveFormat.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import procos.das.vector.Chunk;
import procos.das.vector.VectorDimension;

/**
 * Writes an archive (see {@link ArchiveFormat}) chunk by chunk. The content goes to a temporary
 * file beside the target and is moved into place by {@link #finish()}, so an export that fails
 * half-way never leaves a truncated archive under the target's name, nor replaces a good one.
 */
public final class ChunkArchiveWriter implements Closeable {

    private final Path target;
    private final Path temp;
    private final BufferedWriter out;
    private final MessageDigest digest = ArchiveFormat.sha256();
    private final VectorDimension dimension;
    private final long expectedCount;
    private long written;
    private boolean finished;

    private ChunkArchiveWriter(Path target, Path temp, VectorDimension dimension, long expectedCount) throws IOException {
        this.target = target;
        this.temp = temp;
        this.dimension = dimension;
        this.expectedCount = expectedCount;
        this.out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Starts an archive of exactly {@code count} chunks of {@code dimension}; the header is written
     * at once.
     */
    public static ChunkArchiveWriter create(Path target, VectorDimension dimension, long count) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        ChunkArchiveWriter writer = new ChunkArchiveWriter(absolute, temp, dimension, count);
        try {
            ObjectNode header = JSON.createObjectNode()
                    .put(ArchiveFormat.HEADER_FORMAT, ArchiveFormat.FORMAT)
                    .put(ArchiveFormat.HEADER_VERSION, ArchiveFormat.VERSION)
                    .put(ArchiveFormat.HEADER_DIMENSION, dimension.value())
                    .put(ArchiveFormat.HEADER_COUNT, count);
            writer.line(header, true);
            return writer;
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** Appends one chunk. */
    public void write(Chunk chunk) throws IOException {
        dimension.check(chunk);
        if (written == expectedCount) {
            throw new IllegalStateException("the archive header announced " + expectedCount + " chunks; chunk '"
                    + chunk.id() + "' would be one more");
        }
        ObjectNode line = JSON.createObjectNode()
                .put(ID, chunk.id())
                .put(SOURCE_ID, chunk.sourceId())
                .put(POSITION, chunk.position())
                .put(TEXT, chunk.text());
        ObjectNode metadata = line.putObject(METADATA);
        chunk.metadata().forEach(metadata::put);
        line.put(VECTOR, Base64.getEncoder().encodeToString(ArchiveFormat.vectorBytes(chunk.vector())));
        line(line, true);
        written++;
    }

    /** Writes the checksum, forces the file to disk and moves it to the target name. */
    public void finish() throws IOException {
        if (written != expectedCount) {
            throw new IllegalStateException("the archive header announced " + expectedCount + " chunks but "
                    + written + " were written");
        }
        line(JSON.createObjectNode().put(ArchiveFormat.TRAILER_SHA256, HexFormat.of().formatHex(digest.digest())), false);
        out.close();
        // Closing ends the gzip stream; only then is every byte in the file and worth forcing to disk.
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        finished = true;
    }

    /** Abandons an unfinished archive: its temporary file is removed and the target left as it was. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        try {
            out.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void line(ObjectNode node, boolean digested) throws IOException {
        String line = JSON.writeValueAsString(node);
        if (digested) {
            ArchiveFormat.digestLine(digest, line);
        }
        out.write(line);
        out.write('\n');
    }
}
