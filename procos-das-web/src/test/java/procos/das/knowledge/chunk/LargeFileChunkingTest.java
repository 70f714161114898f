package procos.das.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFileChunkingTest {

    private static final long FIFTY_MB = 50L << 20;
    private static final String PARAGRAPH =
            "Knowledge ingestion reads large files as a stream. Each paragraph is short. Memory must stay flat.\n\n";

    @TempDir
    Path dir;

    @Test
    void aFiftyMegabyteFileIsChunkedAsAStreamWithoutHoldingIt() throws IOException {
        Path file = dir.resolve("big.md");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long written = 0; written < FIFTY_MB; written += PARAGRAPH.length()) {
                writer.write(PARAGRAPH);
            }
        }
        long paragraphs = Files.size(file) / PARAGRAPH.length();
        ChunkingSettings settings = new ChunkingSettings(256, 0);
        int wordsPerParagraph = new WhitespaceTokenCounter().count(PARAGRAPH);
        AtomicLong chunks = new AtomicLong();
        AtomicLong readWhenFirstChunkCame = new AtomicLong(-1);
        AtomicLong lastEnd = new AtomicLong();

        try (CountingReader reader = new CountingReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            new Chunker(new WhitespaceTokenCounter(), settings).chunk(reader, true, chunk -> {
                readWhenFirstChunkCame.compareAndSet(-1, reader.read.get());
                assertThat(chunk.tokens()).isLessThanOrEqualTo(256);
                assertThat(chunk.charStart()).isGreaterThanOrEqualTo(lastEnd.get());
                lastEnd.set(chunk.charEnd());
                chunks.incrementAndGet();
            });
        }

        long perChunk = 256 / wordsPerParagraph;
        assertThat(chunks.get()).isEqualTo((paragraphs + perChunk - 1) / perChunk);
        assertThat(lastEnd.get()).isEqualTo(Files.size(file) - 2);
        // The first chunk was handed out after a few blocks were read, not after the whole file.
        assertThat(readWhenFirstChunkCame.get()).isLessThan(1L << 20);
    }

    /** Counts the characters the chunker has pulled so far. */
    private static final class CountingReader extends FilterReader {
        final AtomicLong read = new AtomicLong();

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }
    }
}
