package procos.das.vector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Where DAS keeps its knowledge: chunks with embeddings, searchable by similarity. The embedded
 * on-disk index is the default; Milvus is selected by configuration. Both pass the same contract
 * tests, so callers never depend on which one is running.
 */
public interface VectorRepository extends AutoCloseable {

    /** Adds chunks, replacing any with the same id; visible to queries when this returns. */
    void upsert(List<Chunk> chunks);

    /** The best {@code query.k()} chunks that match its filters, best first. */
    List<ScoredChunk> query(VectorQuery query);

    /**
     * Replaces every chunk of {@code sourceId} with {@code chunks} in one step: queries see either
     * the old chunks or the new ones, and if the replacement fails the old ones remain. This is how
     * re-indexing a changed source never leaves it half-indexed. Every chunk must belong to
     * {@code sourceId}.
     *
     * <p>Milvus has no transactions, so there the guarantee is weaker, and documented on
     * {@code MilvusVectorRepository}: the source is never absent and a refused batch changes
     * nothing, but a query running at the same moment may see old and new chunks together.
     */
    void replaceSource(String sourceId, List<Chunk> chunks);

    /** Removes the chunks with these ids; unknown ids are ignored. */
    void delete(Collection<String> ids);

    /** Removes every chunk of a source; returns how many were removed. */
    long deleteBySource(String sourceId);

    /**
     * Reorganises the stored chunks for query speed after bulk changes (an ingestion run, an
     * import). Queries keep running, on the state before, while it works; writes wait. Stores that
     * need no reorganising do nothing, which is the default.
     */
    default void compact() {
    }

    /** How many chunks are stored. */
    long count();

    /** Writes every chunk (ids, texts, vectors, metadata) to {@code file}, with a checksum. */
    void exportTo(Path file) throws IOException;

    /**
     * Replaces the whole content with what {@link #exportTo} wrote; a file that fails its checksum
     * or does not parse is refused and the current content is left untouched.
     */
    void importFrom(Path file) throws IOException;

    @Override
    void close();
}
