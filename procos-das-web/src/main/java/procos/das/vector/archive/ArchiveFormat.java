package procos.das.vector.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The archive layout, shared by writer and reader. The file is gzip-compressed UTF-8 text, one JSON
 * object per line:
 * <ol>
 *   <li>header: {@code {"format":"procos-vector-archive","version":1,"dimension":384,"count":N}}</li>
 *   <li>N chunk lines: {@code id, source_id, position, text, metadata} and {@code vector}, the
 *       vector as base64 of little-endian 32-bit floats (exact, and a third the size of decimal text)</li>
 *   <li>trailer: {@code {"sha256":"<hex>"}}, the SHA-256 of every byte of the lines above it,
 *       newlines included, before compression</li>
 * </ol>
 * Lines make the file readable with {@code zcat | head} and let both sides stream it, so a large
 * repository is never held in memory.
 */
final class ArchiveFormat {

    static final String FORMAT = "procos-vector-archive";
    static final int VERSION = 1;

    static final String HEADER_FORMAT = "format";
    static final String HEADER_VERSION = "version";
    static final String HEADER_DIMENSION = "dimension";
    static final String HEADER_COUNT = "count";
    static final String TRAILER_SHA256 = "sha256";


    static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFormat() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Feeds one line, as it appears in the file, to the content digest. */
    static void digestLine(MessageDigest digest, String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    static byte[] vectorBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] vectorOf(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
