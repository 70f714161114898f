package procos.pde.endpoint.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a
 * part: the bytes go to a temporary file in the same directory, are forced to disk, and the
 * temporary file is then moved into place. Without {@code overwrite} it is put in place with a hard
 * link, which fails if the name exists, so an existing file is never replaced even by a writer
 * racing this one. The temporary file is removed whatever happens.
 */
public final class AtomicWriter {

    static final String TEMP_PREFIX = ".procos-write-";
    static final String TEMP_SUFFIX = ".tmp";

    private AtomicWriter() {
    }

    /**
     * @param target where the content goes; its directory exists
     * @throws FileAlreadyExistsException if {@code overwrite} is false and {@code target} exists
     */
    public static void write(Path target, byte[] content, boolean overwrite) throws IOException {
        // Not Files.createTempFile: it makes the file owner-only, and the file keeps that mode once moved.
        Path temp = Files.createFile(target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (overwrite) {
                keepPermissions(target, temp);
                replace(temp, target);
            } else {
                publishNew(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Whether {@code path} is the temporary file of a write in progress. */
    static boolean isTemporary(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void publishNew(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            // No hard links here: a plain move, which checks for an existing target first (not atomically).
            Files.move(temp, target);
        }
    }

    /** An overwritten file keeps its mode, as it would if it had been written in place. */
    private static void keepPermissions(Path target, Path temp) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null && Files.exists(target)) {
                PosixFileAttributes existing = Files.readAttributes(target, PosixFileAttributes.class);
                view.setPermissions(existing.permissions());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the content matters more than the mode.
        }
    }
}
