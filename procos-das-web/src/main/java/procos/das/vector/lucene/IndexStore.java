package procos.das.vector.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import procos.das.vector.VectorDimension;
import procos.logging.StructuredLogger;

/**
 * One index directory, its single writer and its readers, with all-or-nothing writes: every write
 * runs under one lock and ends in a commit; if anything in it fails, the writer is rolled back to
 * the last commit (and reopened for the next write), so the index holds exactly what it held
 * before.
 *
 * <p>Readers are opened on the directory's commits, not on the writer's uncommitted buffer, so a
 * query can only ever see a state some write finished: never half of a batch. They are refreshed
 * right after each commit, before the write returns, which makes a write visible when it returns.
 */
final class IndexStore implements Closeable {

    /** Commit data marking the index as ours, with the dimension it was built for. */
    static final String DIMENSION_KEY = "procos.vector.dimension";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.vector");

    /** A write: changes through {@code writer}, reading the last committed state through {@code committed}. */
    @FunctionalInterface
    interface Write<T> {
        T apply(IndexWriter writer, IndexSearcher committed) throws IOException;
    }

    /** A read of one point-in-time state. */
    @FunctionalInterface
    interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Directory directory;
    private final String name;
    private final Analyzer analyzer;
    private final VectorDimension dimension;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SearcherManager searchers;
    private IndexWriter writer;

    private IndexStore(Directory directory, String name, Analyzer analyzer, VectorDimension dimension) throws IOException {
        this.directory = directory;
        this.name = name;
        this.analyzer = analyzer;
        this.dimension = dimension;
        this.writer = openWriter();
        if (!DirectoryReader.indexExists(directory)) {
            writer.commit();
        }
        this.searchers = new SearcherManager(directory, null);
    }

    /**
     * Opens the index in {@code directory}, creating it if empty.
     *
     * @param name how messages refer to it (its path)
     * @throws IllegalArgumentException if the directory holds an index of another dimension or not ours
     * @throws IOException              if it cannot be opened, for example because another process has it open
     */
    static IndexStore open(Directory directory, String name, Analyzer analyzer, VectorDimension dimension) throws IOException {
        checkExisting(directory, name, dimension);
        try {
            return new IndexStore(directory, name, analyzer, dimension);
        } catch (LockObtainFailedException e) {
            throw new IOException("vector index " + name + " is already open in another process or repository", e);
        }
    }

    <T> T read(Read<T> read) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return read.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Runs {@code write} and commits it, or rolls it back entirely and rethrows what failed. */
    <T> T write(String operation, Write<T> write) throws IOException {
        writeLock.lock();
        try {
            T result;
            try {
                IndexWriter current = writer();
                result = read(committed -> write.apply(current, committed));
                current.commit();
            } catch (IOException | RuntimeException | Error e) {
                rollback(operation, e);
                throw e;
            }
            searchers.maybeRefreshBlocking();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try (Directory closing = directory) {
            searchers.close();
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private IndexWriter writer() throws IOException {
        if (writer == null) {
            writer = openWriter();
        }
        return writer;
    }

    private IndexWriter openWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Bulk imports and large batches flush fewer, larger segments: fewer HNSW graph merges.
                .setRAMBufferSizeMB(64);
        IndexWriter opened = new IndexWriter(directory, config);
        opened.setLiveCommitData(Map.of(DIMENSION_KEY, Integer.toString(dimension.value())).entrySet());
        return opened;
    }

    /** Discards everything since the last commit; Lucene closes a rolled-back writer, so the next write opens a new one. */
    private void rollback(String operation, Throwable cause) {
        LOG.warn("vector_write_rolled_back").with("index", name).with("operation", operation).error(cause).log();
        IndexWriter failed = writer;
        writer = null;
        if (failed != null) {
            try {
                failed.rollback();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static void checkExisting(Directory directory, String name, VectorDimension dimension) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        String stored = SegmentInfos.readLatestCommit(directory).getUserData().get(DIMENSION_KEY);
        if (stored == null) {
            throw new IllegalArgumentException("directory " + name + " holds a Lucene index that is not a ProcOS vector index");
        }
        if (!stored.equals(Integer.toString(dimension.value()))) {
            throw new IllegalArgumentException("vector index " + name + " holds vectors of dimension " + stored
                    + " but dimension " + dimension.value() + " was asked for; re-index into a new directory to change models");
        }
    }
}
