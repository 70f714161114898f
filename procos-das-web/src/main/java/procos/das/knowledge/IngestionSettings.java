package procos.das.knowledge;

import java.util.Objects;
import procos.das.knowledge.chunk.ChunkingSettings;

/**
 * How an ingestion runs.
 *
 * @param maxSourceBytes a larger source is refused ({@code TOO_LARGE}) before it is parsed: PDF and
 *                       HTML are parsed in memory, and embedding a very large source takes hours
 * @param batchSize      chunks per call to the embedder; enough to keep every inference thread busy
 * @param chunking       chunk size and overlap
 */
public record IngestionSettings(long maxSourceBytes, int batchSize, ChunkingSettings chunking) {

    /** 64 MiB, 32 chunks per batch (16 per core here), {@link ChunkingSettings#DEFAULT}. */
    public static final IngestionSettings DEFAULT = new IngestionSettings(64L << 20, 32, ChunkingSettings.DEFAULT);

    public IngestionSettings {
        if (maxSourceBytes < 1) {
            throw new IllegalArgumentException("max_source_bytes must be at least 1, got " + maxSourceBytes);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(chunking, "chunking");
    }
}
