package procos.das.vector.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import procos.das.vector.Chunk;
import procos.das.vector.ChunkFields;
import procos.das.vector.ScoredChunk;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;
import procos.das.vector.archive.ArchiveHeader;
import procos.das.vector.archive.ChunkArchiveReader;
import procos.das.vector.archive.ChunkArchiveWriter;
import procos.logging.StructuredLogger;

/**
 * The embedded default {@link VectorRepository}: one on-disk Lucene index. Each chunk is a document
 * with an HNSW vector (cosine), its text for BM25, and stored fields; see {@link ChunkDocument}.
 * Every write is committed before it returns and rolled back whole if it fails (see
 * {@link IndexStore}); any number of threads may query while one writes.
 */
public final class LuceneVectorRepository implements VectorRepository {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.vector");
    private static final int IMPORT_BATCH = 1_000;

    private final IndexStore store;
    private final Analyzer analyzer;
    private final VectorDimension dimension;
    private final int oversampling;

    LuceneVectorRepository(Directory directory, String name, VectorDimension dimension, int oversampling) throws IOException {
        this.analyzer = new StandardAnalyzer();
        this.dimension = dimension;
        this.oversampling = oversampling;
        this.store = IndexStore.open(directory, name, analyzer, dimension);
        LOG.info("vector_index_opened").with("index", name).with("dimension", dimension.value())
                .with("chunks", count()).log();
    }

    /**
     * Opens the index in {@code settings.directory()}, creating the directory and an empty index if
     * needed.
     *
     * @throws IllegalArgumentException if the directory holds an index of another dimension
     * @throws UncheckedIOException     if the index cannot be opened (for example, in use by another process)
     */
    public static LuceneVectorRepository open(LuceneSettings settings) {
        Path path = settings.directory().toAbsolutePath();
        try {
            Files.createDirectories(path);
            return new LuceneVectorRepository(FSDirectory.open(path), path.toString(), settings.dimension(),
                    settings.oversampling());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open vector index " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void upsert(List<Chunk> chunks) {
        dimension.checkAll(chunks);
        if (chunks.isEmpty()) {
            return;
        }
        write("upsert", (writer, committed) -> {
            for (Chunk chunk : chunks) {
                writer.updateDocument(ChunkDocument.idTerm(chunk.id()), ChunkDocument.of(chunk));
            }
            return null;
        });
    }

    @Override
    public List<ScoredChunk> query(VectorQuery query) {
        dimension.checkQuery(query);
        return read("query", searcher -> new LuceneSearch(searcher, analyzer, oversampling).run(query));
    }

    @Override
    public void replaceSource(String sourceId, List<Chunk> chunks) {
        ChunkFields.requireAllOfSource(sourceId, chunks);
        dimension.checkAll(chunks);
        write("replace_source", (writer, committed) -> {
            writer.deleteDocuments(ChunkDocument.sourceTerm(sourceId));
            for (Chunk chunk : chunks) {
                // By id as well: a chunk may move here from another source under the same id.
                writer.updateDocument(ChunkDocument.idTerm(chunk.id()), ChunkDocument.of(chunk));
            }
            return null;
        });
    }

    @Override
    public void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Term[] terms = ids.stream().map(ChunkDocument::idTerm).toArray(Term[]::new);
        write("delete", (writer, committed) -> writer.deleteDocuments(terms));
    }

    @Override
    public long deleteBySource(String sourceId) {
        Term source = ChunkDocument.sourceTerm(sourceId);
        return write("delete_by_source", (writer, committed) -> {
            long present = committed.count(new TermQuery(source));
            writer.deleteDocuments(source);
            return present;
        });
    }

    /**
     * Merges the index into one segment. A vector query walks one HNSW graph per segment, and an
     * index grown batch by batch has many, so after bulk changes this makes queries several times
     * faster; the merge reuses the largest segment's graph and inserts the rest.
     */
    @Override
    public void compact() {
        long started = System.nanoTime();
        int before = read("compact", searcher -> searcher.getIndexReader().leaves().size());
        if (before <= 1) {
            return;
        }
        write("compact", (writer, committed) -> {
            writer.forceMerge(1);
            return null;
        });
        LOG.info("vector_index_compacted").with("index", store.name()).with("segments_before", before)
                .with("chunks", count()).durationMs((System.nanoTime() - started) / 1_000_000).log();
    }

    @Override
    public long count() {
        return read("count", searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /** Writes one consistent state of the index: writes that finish during the export are not in it. */
    @Override
    public void exportTo(Path file) throws IOException {
        long exported = store.read(searcher -> {
            long count = searcher.getIndexReader().numDocs();
            try (ChunkArchiveWriter archive = ChunkArchiveWriter.create(file, dimension, count)) {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    writeLeaf(leaf.reader(), archive);
                }
                archive.finish();
            }
            return count;
        });
        LOG.info("vector_export_done").with("index", store.name()).with("file", file.toString()).with("chunks", exported).log();
    }

    @Override
    public void importFrom(Path file) throws IOException {
        ArchiveHeader header = ChunkArchiveReader.verify(file, dimension);
        store.write("import", (writer, committed) -> {
            writer.deleteAll();
            ChunkArchiveReader.read(file, IMPORT_BATCH, batch -> {
                // By id, so that an archive naming one id twice keeps the last, as upsert would.
                for (Chunk chunk : batch) {
                    writer.updateDocument(ChunkDocument.idTerm(chunk.id()), ChunkDocument.of(chunk));
                }
            });
            return null;
        });
        compact();
        LOG.info("vector_import_done").with("index", store.name()).with("file", file.toString())
                .with("chunks", header.count()).log();
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing vector index " + store.name() + " failed: " + e.getMessage(), e);
        }
    }

    private static void writeLeaf(LeafReader leaf, ChunkArchiveWriter archive) throws IOException {
        Bits live = leaf.getLiveDocs();
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
            if (live == null || live.get(doc)) {
                archive.write(ChunkDocument.read(leaf, doc));
            }
        }
    }

    private <T> T write(String operation, IndexStore.Write<T> write) {
        try {
            return store.write(operation, write);
        } catch (IOException e) {
            throw failure(operation + " failed, nothing was changed", e);
        }
    }

    private <T> T read(String operation, IndexStore.Read<T> read) {
        try {
            return store.read(read);
        } catch (IOException e) {
            throw failure(operation + " failed", e);
        }
    }

    private UncheckedIOException failure(String what, IOException e) {
        return new UncheckedIOException("vector index " + store.name() + ": " + what + ": " + e.getMessage(), e);
    }
}
