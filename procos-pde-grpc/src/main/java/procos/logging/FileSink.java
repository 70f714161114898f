package procos.logging;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a file, for PDE nodes and setups where stdout is not collected.
 *
 * <p>Each line is handed to the operating system in a single unbuffered append, under a lock: no
 * line is lost if the process dies, lines from concurrent threads never interleave, and with
 * O_APPEND several processes can share one file. Existing content is never truncated.
 */
public final class FileSink implements LogSink, Closeable {

    private final Path path;
    private final OutputStream out;

    /** Opens (creating it and its parent directories if needed) {@code path} for appending. */
    public FileSink(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newOutputStream(path,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void write(String line) {
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 1];
        System.arraycopy(text, 0, bytes, 0, text.length);
        bytes[text.length] = '\n';
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write log file " + path, e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
