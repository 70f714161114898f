package procos.das.vector;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: an exact, in-memory {@link VectorRepository} (brute-force cosine), so knowledge
 * tests do not depend on the embedded index or Milvus. Export and import are not needed here.
 */
public class InMemoryVectorRepository implements VectorRepository {

    private final Map<String, Chunk> chunks = new LinkedHashMap<>();
    private int compactions;

    @Override
    public synchronized void upsert(List<Chunk> added) {
        added.forEach(chunk -> chunks.put(chunk.id(), chunk));
    }

    @Override
    public synchronized List<ScoredChunk> query(VectorQuery query) {
        return chunks.values().stream()
                .filter(chunk -> matches(chunk, query.filters()))
                .map(chunk -> new ScoredChunk(chunk, cosine(chunk.vector(), query.vector())))
                .sorted(Comparator.comparingDouble(ScoredChunk::score).reversed())
                .limit(query.k())
                .toList();
    }

    @Override
    public synchronized void replaceSource(String sourceId, List<Chunk> replacement) {
        removeSource(sourceId);
        replacement.forEach(chunk -> chunks.put(chunk.id(), chunk));
    }

    @Override
    public synchronized void delete(Collection<String> ids) {
        ids.forEach(chunks::remove);
    }

    @Override
    public synchronized long deleteBySource(String sourceId) {
        return removeSource(sourceId);
    }

    private long removeSource(String sourceId) {
        List<String> ids = chunks.values().stream().filter(chunk -> chunk.sourceId().equals(sourceId)).map(Chunk::id).toList();
        ids.forEach(chunks::remove);
        return ids.size();
    }

    @Override
    public synchronized long count() {
        return chunks.size();
    }

    @Override
    public synchronized void compact() {
        compactions++;
    }

    /** How many times {@link #compact()} was called. */
    public synchronized int compactions() {
        return compactions;
    }

    /** The chunks of one source, in position order. */
    public synchronized List<Chunk> chunksOf(String sourceId) {
        return chunks.values().stream().filter(chunk -> chunk.sourceId().equals(sourceId))
                .sorted(Comparator.comparingInt(Chunk::position)).toList();
    }

    @Override
    public void exportTo(Path file) {
        throw new UnsupportedOperationException("not needed by the knowledge tests");
    }

    @Override
    public void importFrom(Path file) {
        throw new UnsupportedOperationException("not needed by the knowledge tests");
    }

    @Override
    public void close() {
    }

    private static boolean matches(Chunk chunk, Map<String, String> filters) {
        return filters.entrySet().stream().allMatch(filter -> filter.getKey().equals("source_id")
                ? chunk.sourceId().equals(filter.getValue())
                : filter.getValue().equals(chunk.metadata().get(filter.getKey())));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }
}
