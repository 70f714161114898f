package procos.das.api.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The newest matching entries of a structured log file, read backwards from its end in blocks, so a
 * large log costs only what is needed for the answer. How far back it looks is bounded: a filter that
 * matches nothing stops after {@code maxScanBytes}, not at the start of a gigabyte file.
 */
public final class LogFileReader {

    static final int BLOCK = 64 * 1024;

    private final long maxScanBytes;

    public LogFileReader(long maxScanBytes) {
        this.maxScanBytes = maxScanBytes;
    }

    /** Up to {@code limit} entries matching {@code query}, oldest first (the newest last). No file: none. */
    public List<Map<String, Object>> last(Path file, LogQuery query, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Map<String, Object>> newestFirst = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = channel.size();
            long scanned = 0;
            byte[] carry = new byte[0];
            while (position > 0 && newestFirst.size() < limit && scanned < maxScanBytes) {
                int size = (int) Math.min(BLOCK, position);
                position -= size;
                scanned += size;
                byte[] data = concat(read(channel, position, size), carry);
                int end = data.length;
                for (int i = data.length - 1; i >= 0 && newestFirst.size() < limit; i--) {
                    if (data[i] == '\n') {
                        collect(data, i + 1, end, query, newestFirst);
                        end = i;
                    }
                }
                carry = Arrays.copyOfRange(data, 0, end);
            }
            if (position == 0 && newestFirst.size() < limit) {
                collect(carry, 0, carry.length, query, newestFirst);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static void collect(byte[] data, int from, int to, LogQuery query, List<Map<String, Object>> into) {
        LogLines.parse(data, from, to).filter(query::matches).ifPresent(into::add);
    }

    private static byte[] read(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }
}
