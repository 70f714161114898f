package procos.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import procos.das.vector.Chunk;
import procos.das.vector.ScoredChunk;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;

/**
 * The ingestion benchmark's vector store: keeps what it is given in a list, so the pipeline's
 * figure is ingestion itself and the raw run can embed exactly the same chunk texts. Searching is
 * not part of this benchmark; the embedded index will be measured where it is built.
 */
final class KeptChunks implements VectorRepository {

    private final List<Chunk> chunks = new ArrayList<>();

    List<String> texts() {
        return chunks.stream().map(Chunk::text).toList();
    }

    @Override
    public synchronized void upsert(List<Chunk> added) {
        chunks.addAll(added);
    }

    @Override
    public synchronized void replaceSource(String sourceId, List<Chunk> replacement) {
        deleteBySource(sourceId);
        chunks.addAll(replacement);
    }

    @Override
    public synchronized long deleteBySource(String sourceId) {
        int before = chunks.size();
        chunks.removeIf(chunk -> chunk.sourceId().equals(sourceId));
        return before - chunks.size();
    }

    @Override
    public synchronized long count() {
        return chunks.size();
    }

    @Override
    public List<ScoredChunk> query(VectorQuery query) {
        throw new UnsupportedOperationException("the ingestion benchmark does not search");
    }

    @Override
    public void delete(Collection<String> ids) {
        throw new UnsupportedOperationException("the ingestion benchmark does not delete by id");
    }

    @Override
    public void exportTo(Path file) {
        throw new UnsupportedOperationException("the ingestion benchmark does not export");
    }

    @Override
    public void importFrom(Path file) {
        throw new UnsupportedOperationException("the ingestion benchmark does not import");
    }

    @Override
    public void close() {
    }
}
