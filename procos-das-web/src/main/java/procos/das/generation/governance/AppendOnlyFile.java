package procos.das.generation.governance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A file of lines that only grows, readable and writable by its owner only (where the file system
 * has POSIX permissions). Each line is on the disk before {@link #append} returns. A line torn by a
 * crash while it was written (the last one, without its line end) is repaired when the file is
 * opened: ended when it is a whole record, cut off otherwise, so the next line does not run into it.
 */
final class AppendOnlyFile implements AutoCloseable {

    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** A record longer than this is not one this program wrote; a tail that long is cut off unread. */
    private static final int MAX_TAIL = 1024 * 1024;

    /** How a torn last line was repaired when the file was opened. */
    enum Repair { NONE, ENDED, CUT }

    private final Path path;
    private final FileChannel channel;
    private final Repair repair;

    private AppendOnlyFile(Path path, FileChannel channel, Repair repair) {
        this.path = path;
        this.channel = channel;
        this.repair = repair;
    }

    /**
     * Opens the file for appending, creating it (and its directory) owner-only when missing and
     * narrowing its permissions to the owner when it exists.
     *
     * @param wholeRecord tells whether an unterminated last line is a complete record (kept) or torn (cut off)
     */
    static AppendOnlyFile open(Path path, Predicate<String> wholeRecord) throws IOException {
        Path file = path.toAbsolutePath();
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, attributes(OWNER_ONLY_DIRECTORY));
        }
        try {
            Files.createFile(file, attributes(OWNER_ONLY));
        } catch (FileAlreadyExistsException existing) {
            if (POSIX) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        Repair repair = repairTail(file, wholeRecord);
        return new AppendOnlyFile(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND), repair);
    }

    Path path() {
        return path;
    }

    Repair repair() {
        return repair;
    }

    /** Writes {@code line} and a line end, and forces both to the disk; lines of concurrent callers never mix. */
    synchronized void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line may not contain line breaks");
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static Repair repairTail(Path file, Predicate<String> wholeRecord) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long tailStart = lastLineEnd(channel, size) + 1;
            if (tailStart == size) {
                return Repair.NONE;
            }
            long tailLength = size - tailStart;
            if (tailLength <= MAX_TAIL && wholeRecord.test(read(channel, tailStart, (int) tailLength))) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                channel.force(true);
                return Repair.ENDED;
            }
            channel.truncate(tailStart);
            channel.force(true);
            return Repair.CUT;
        }
    }

    /** The position of the last line end, -1 when there is none. */
    private static long lastLineEnd(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            int length = (int) Math.min(buffer.capacity(), end);
            long start = end - length;
            buffer.clear().limit(length);
            readFully(channel, buffer, start);
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private static String read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, buffer, position);
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("the file ended while reading it at " + at);
            }
            at += read;
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        // Without POSIX permissions (Windows) the directory's own protection applies.
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
