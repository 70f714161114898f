package procos.das.vector.archive;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.METADATA;
import static procos.das.vector.ChunkFields.POSITION;
import static procos.das.vector.ChunkFields.SOURCE_ID;
import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;
import static procos.das.vector.archive.ArchiveFormat.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import procos.das.vector.Chunk;
import procos.das.vector.VectorDimension;

/**
 * Reads an archive written by {@link ChunkArchiveWriter}, checking as it goes everything that can
 * be wrong with a file: compression, format name and version, every line's shape and dimension, the
 * announced count and the SHA-256. Every refusal is an {@link InvalidArchiveException} that says
 * what is wrong and where, never a parser's stack trace.
 *
 * <p>An import reads a file twice: {@link #verify} first, so a bad file is refused before the
 * current content is touched, then {@link #read} to load it. {@code read} checks again, because the
 * file may change in between; its sink must not make anything permanent before it returns.
 */
public final class ChunkArchiveReader {

    /** Receives chunks in batches while the file is read. */
    @FunctionalInterface
    public interface ChunkBatchSink {
        void accept(List<Chunk> batch) throws IOException;
    }

    private final Path file;
    private long lineNumber;

    private ChunkArchiveReader(Path file) {
        this.file = file;
    }

    /** Reads the whole file without keeping anything, and returns its header if it is intact. */
    public static ArchiveHeader verify(Path file) throws IOException {
        return read(file, 1024, batch -> { });
    }

    /** {@link #verify(Path)}, and refuses an archive whose vectors are not of {@code dimension}. */
    public static ArchiveHeader verify(Path file, VectorDimension dimension) throws IOException {
        ArchiveHeader header = verify(file);
        if (header.dimension() != dimension.value()) {
            throw new InvalidArchiveException(file, "it holds vectors of dimension " + header.dimension()
                    + " but this repository holds dimension " + dimension.value());
        }
        return header;
    }

    /**
     * Hands every chunk to {@code sink}, {@code batchSize} at a time, and returns the header once
     * the whole file has proved intact.
     *
     * @throws InvalidArchiveException if the file is damaged, truncated or not an archive; the sink
     *                                 may by then have received some chunks, which must be discarded
     */
    public static ArchiveHeader read(Path file, int batchSize, ChunkBatchSink sink) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return new ChunkArchiveReader(file).scan(batchSize, sink);
    }

    private ArchiveHeader scan(int batchSize, ChunkBatchSink sink) throws IOException {
        try (BufferedReader in = open()) {
            MessageDigest digest = ArchiveFormat.sha256();
            ArchiveHeader header = header(nextLine(in, "the header line"), digest);
            VectorDimension dimension = new VectorDimension(header.dimension());
            List<Chunk> batch = new ArrayList<>(batchSize);
            for (long i = 0; i < header.count(); i++) {
                String line = nextLine(in, "chunk " + (i + 1) + " of the " + header.count() + " the header announces");
                ArchiveFormat.digestLine(digest, line);
                batch.add(chunk(line, dimension));
                if (batch.size() == batchSize) {
                    sink.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            checkTrailer(nextLine(in, "the checksum line"), digest);
            if (in.readLine() != null) {
                throw invalid("unexpected content after the checksum line (line " + (lineNumber + 1) + ")");
            }
            if (!batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
            }
            return header;
        } catch (ZipException e) {
            throw invalid(lineNumber == 0
                    ? "not a ProcOS vector archive (not gzip-compressed: " + e.getMessage() + ")"
                    : "the compressed data is damaged after line " + lineNumber + " (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw invalid("the file is truncated (compressed data ends early)");
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such vector archive");
        }
    }

    private BufferedReader open() throws IOException {
        // Malformed UTF-8 is an error rather than silently replaced, so damage is reported where it is.
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    private String nextLine(BufferedReader in, String expected) throws IOException {
        String line;
        try {
            line = in.readLine();
        } catch (CharacterCodingException e) {
            throw invalid("line " + (lineNumber + 1) + " is not valid UTF-8 text");
        }
        if (line == null) {
            throw invalid("the file is truncated: " + expected + " is missing");
        }
        lineNumber++;
        return line;
    }

    private ArchiveHeader header(String line, MessageDigest digest) throws InvalidArchiveException {
        JsonNode header = json(line);
        if (header == null || !ArchiveFormat.FORMAT.equals(header.path(ArchiveFormat.HEADER_FORMAT).asText(null))) {
            throw invalid("not a ProcOS vector archive (the first line does not name format '" + ArchiveFormat.FORMAT + "')");
        }
        JsonNode version = header.path(ArchiveFormat.HEADER_VERSION);
        if (!version.canConvertToInt() || version.intValue() != ArchiveFormat.VERSION) {
            throw invalid("format version " + version + " is not supported; this version reads " + ArchiveFormat.VERSION);
        }
        JsonNode dimension = header.path(ArchiveFormat.HEADER_DIMENSION);
        JsonNode count = header.path(ArchiveFormat.HEADER_COUNT);
        if (!dimension.isIntegralNumber() || !dimension.canConvertToInt() || dimension.intValue() < 1) {
            throw invalid("the header's dimension " + dimension + " is not a positive whole number");
        }
        if (!count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 0) {
            throw invalid("the header's count " + count + " is not a whole number of 0 or more");
        }
        ArchiveFormat.digestLine(digest, line);
        return new ArchiveHeader(dimension.intValue(), count.longValue());
    }

    private Chunk chunk(String line, VectorDimension dimension) throws InvalidArchiveException {
        JsonNode node = json(line);
        if (node == null || !node.isObject()) {
            throw invalid("line " + lineNumber + " is not a JSON object");
        }
        try {
            String id = text(node, ID);
            JsonNode position = node.path(POSITION);
            if (!position.isInt()) {
                throw new IllegalArgumentException("'" + POSITION + "' is not a whole number");
            }
            byte[] vectorBytes = Base64.getDecoder().decode(text(node, VECTOR));
            if (vectorBytes.length % Float.BYTES != 0) {
                throw new IllegalArgumentException("'" + VECTOR + "' is not a whole number of floats");
            }
            Chunk chunk = new Chunk(id, text(node, SOURCE_ID), position.intValue(),
                    text(node, TEXT), ArchiveFormat.vectorOf(vectorBytes), metadata(node));
            dimension.check(chunk);
            return chunk;
        } catch (IllegalArgumentException e) {
            throw invalid("line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return value.textValue();
    }

    private static Map<String, String> metadata(JsonNode node) {
        JsonNode metadata = node.path(METADATA);
        if (metadata.isMissingNode()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw new IllegalArgumentException("'" + METADATA + "' is not an object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        metadata.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("metadata '" + entry.getKey() + "' is not text");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        });
        return values;
    }

    private void checkTrailer(String line, MessageDigest digest) throws InvalidArchiveException {
        JsonNode trailer = json(line);
        String recorded = trailer == null ? null : trailer.path(ArchiveFormat.TRAILER_SHA256).asText(null);
        if (recorded == null) {
            throw invalid("line " + lineNumber + " should be the checksum line but is not; the header's count does not match the content");
        }
        if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(recorded)) {
            throw invalid("the content does not match its SHA-256 checksum; the file is damaged");
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private InvalidArchiveException invalid(String reason) {
        return new InvalidArchiveException(file, reason);
    }
}
