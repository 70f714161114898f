package procos.das.knowledge.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Opens a text source with the right charset, without reading it into memory: a byte order mark
 * decides (UTF-8, UTF-16); otherwise the whole source is checked to be valid UTF-8 in one
 * streaming pass, and if it is not it is read as windows-1252 (the superset of ISO-8859-1 that
 * legacy Western text almost always is) with a note saying so. Content that decodes to control
 * characters is refused as binary rather than indexed as noise.
 */
public final class TextDecoder {

    /** Windows-1252 rather than ISO-8859-1: it also maps 0x80–0x9F to the quotes and dashes such text uses. */
    public static final Charset FALLBACK = Charset.forName("windows-1252");

    private static final int SNIFF_CHARS = 8192;
    /** More than this share of control characters in the first {@link #SNIFF_CHARS} is not text. */
    private static final double MAX_CONTROL_SHARE = 0.01;
    private static final int BUFFER = 64 * 1024;

    /**
     * @throws SourceException {@link SourceProblem#BINARY_CONTENT} for NUL or control characters,
     *                         {@link SourceProblem#IO_ERROR} if it cannot be read
     */
    public DecodedText open(Source source) throws SourceException {
        try {
            Bom bom = readBom(source);
            Charset charset;
            Optional<String> note = Optional.empty();
            if (bom != null) {
                charset = bom.charset;
            } else {
                long invalidAt = firstInvalidUtf8Byte(source);
                if (invalidAt < 0) {
                    charset = StandardCharsets.UTF_8;
                } else {
                    charset = FALLBACK;
                    note = Optional.of("not valid UTF-8 (first invalid byte at offset " + invalidAt
                            + "), read as " + FALLBACK.name());
                }
            }
            InputStream in = source.open();
            skipFully(in, bom == null ? 0 : bom.length);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, replacing(charset)), BUFFER);
            try {
                refuseBinary(reader);
            } catch (SourceException | IOException e) {
                reader.close();
                throw e;
            }
            return new DecodedText(reader, charset, note);
        } catch (IOException e) {
            throw SourceErrors.io("read", e);
        }
    }

    /** Reads the rest of {@code decoded} into one string and closes it, for formats parsed whole (HTML). */
    public static String readAll(DecodedText decoded) throws SourceException {
        try (Reader reader = decoded.reader()) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[BUFFER];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw SourceErrors.io("read", e);
        }
    }

    private static CharsetDecoder replacing(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private record Bom(Charset charset, int length) {
    }

    private static Bom readBom(Source source) throws IOException {
        byte[] head = new byte[3];
        int n;
        try (InputStream in = source.open()) {
            n = in.readNBytes(head, 0, 3);
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Bom(StandardCharsets.UTF_16LE, 2);
        }
        return null;
    }

    /** The offset of the first byte that is not valid UTF-8, or -1 if the whole source is. */
    private static long firstInvalidUtf8Byte(Source source) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        CharBuffer chars = CharBuffer.allocate(BUFFER);
        long consumedBefore = 0;
        try (InputStream in = source.open()) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = n < 0;
                if (n > 0) {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isError()) {
                    return consumedBefore + bytes.position();
                }
                chars.clear();
                consumedBefore += bytes.position();
                bytes.compact();
            }
            return decoder.flush(chars).isError() ? consumedBefore : -1;
        }
    }

    private static void skipFully(InputStream in, int count) throws IOException {
        if (count > 0 && in.readNBytes(count).length != count) {
            throw new IOException("shorter than its byte order mark");
        }
    }

    private static void refuseBinary(BufferedReader reader) throws IOException, SourceException {
        reader.mark(SNIFF_CHARS);
        char[] sample = new char[SNIFF_CHARS];
        int length = reader.read(sample, 0, SNIFF_CHARS);
        reader.reset();
        int controls = 0;
        for (int i = 0; i < length; i++) {
            char c = sample[i];
            if (c == 0) {
                throw new SourceException(SourceProblem.BINARY_CONTENT,
                        "contains NUL characters (first at character " + i + "), so it is not text");
            }
            if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                controls++;
            }
        }
        if (length > 0 && controls > length * MAX_CONTROL_SHARE) {
            throw new SourceException(SourceProblem.BINARY_CONTENT, controls + " of its first " + length
                    + " characters are control characters, so it is not text");
        }
    }
}
