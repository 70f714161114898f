package procos.das.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.TextChunk;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.progress.ProgressTracker;
import procos.das.knowledge.source.ContentType;
import procos.das.knowledge.source.SourceText;
import procos.das.vector.Chunk;

/**
 * Turns one source's text into stored-ready {@link Chunk}s: chunks are embedded in batches as the
 * chunker produces them, so the text is streamed and only finished chunks are held.
 */
final class ChunkEmbedding {

    private final Chunker chunker;
    private final Embedder embedder;
    private final int batchSize;

    ChunkEmbedding(Chunker chunker, Embedder embedder, int batchSize) {
        this.chunker = chunker;
        this.embedder = embedder;
        this.batchSize = batchSize;
    }

    List<Chunk> embed(String sourceId, String sha256, SourceText text, ProgressTracker progress) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        List<TextChunk> batch = new ArrayList<>(batchSize);
        chunker.chunk(text.text(), text.type() == ContentType.MARKDOWN, chunk -> {
            batch.add(chunk);
            if (batch.size() == batchSize) {
                embedBatch(sourceId, sha256, text.type(), batch, chunks, progress);
            }
        });
        embedBatch(sourceId, sha256, text.type(), batch, chunks, progress);
        return chunks;
    }

    private void embedBatch(String sourceId, String sha256, ContentType type, List<TextChunk> batch,
                            List<Chunk> into, ProgressTracker progress) {
        if (batch.isEmpty()) {
            return;
        }
        List<float[]> vectors = embedder.embedAll(batch.stream().map(TextChunk::text).toList());
        for (int i = 0; i < batch.size(); i++) {
            TextChunk chunk = batch.get(i);
            into.add(new Chunk(sourceId + "#" + chunk.position(), sourceId, chunk.position(), chunk.text(),
                    vectors.get(i), metadata(chunk, sha256, type)));
        }
        progress.chunksEmbedded(batch.size());
        batch.clear();
    }

    private Map<String, String> metadata(TextChunk chunk, String sha256, ContentType type) {
        return Map.of(
                "content_type", type.mediaType(),
                "heading", chunk.heading(),
                "char_start", Long.toString(chunk.charStart()),
                "char_end", Long.toString(chunk.charEnd()),
                "tokens", Integer.toString(chunk.tokens()),
                "source_sha256", sha256,
                "embedding_model", embedder.modelId());
    }
}
