package procos.das.vector;

/**
 * A chunk returned by a query with its relevance score: higher is better. Dense search reports the
 * cosine similarity; hybrid search reports the fused reciprocal-rank score.
 */
public record ScoredChunk(Chunk chunk, double score) {
}
