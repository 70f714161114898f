package procos.das.api.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Follows a structured log file from where it ends now, like {@code tail -f}: each {@link #poll}
 * returns the matching entries of the complete lines appended since the last one. A line still being
 * written waits for its end; a file that shrank (replaced or truncated) is followed from its start.
 */
public final class LogFollower {

    /** Most bytes one poll reads, so a burst of logging is delivered over several polls, not all in memory at once. */
    static final int MAX_READ = 1024 * 1024;

    private final Path file;
    private final LogQuery query;
    private long position;
    private byte[] partial = new byte[0];

    public LogFollower(Path file, LogQuery query) throws IOException {
        this.file = file;
        this.query = query;
        this.position = Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    public List<Map<String, Object>> poll() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < position) {
                position = 0;
                partial = new byte[0];
            }
            if (size == position) {
                return entries;
            }
            int length = (int) Math.min(MAX_READ, size - position);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // read until the buffer is full or the file ends
            }
            position += buffer.position();
            byte[] data = Arrays.copyOf(partial, partial.length + buffer.position());
            System.arraycopy(buffer.array(), 0, data, partial.length, buffer.position());
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    LogLines.parse(data, start, i).filter(query::matches).ifPresent(entries::add);
                    start = i + 1;
                }
            }
            // An unfinished line longer than a whole read is not a log line we can deliver: drop it.
            partial = data.length - start > MAX_READ ? new byte[0] : Arrays.copyOfRange(data, start, data.length);
        }
        return entries;
    }
}
