package procos.das.knowledge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import procos.das.knowledge.chunk.TextChunk;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.progress.ProgressTracker;
import procos.das.knowledge.source.ContentType;
import procos.das.vector.Chunk;

/**
 * Embeds the chunks of a run of sources as one stream, so that the embedder, which bounds
 * ingestion, never waits for the rest of the pipeline: batches are filled across source
 * boundaries (small files still make full batches) and embedded on a lane thread while the
 * ingesting thread reads and chunks what comes next. At most {@link #IN_FLIGHT} batches are
 * queued, so memory stays bounded however large the run.
 *
 * <p>Sources complete in the order they were begun; the ingesting thread takes them with
 * {@link #nextDone} and stores them, so every store and manifest change stays on that thread.
 */
final class EmbeddingPipeline implements AutoCloseable {

    /** Batches queued or being embedded: one running, one ready so the embedder never idles. */
    private static final int IN_FLIGHT = 2;

    private final Embedder embedder;
    private final int batchSize;
    private final ProgressTracker progress;
    private final ExecutorService lane = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "procos-ingest-embedding");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Deque<PendingSource> pending = new ArrayDeque<>();
    private List<Entry> batch = new ArrayList<>();

    EmbeddingPipeline(Embedder embedder, int batchSize, ProgressTracker progress) {
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** A source whose chunks are being embedded; complete once ended and all its batches are done. */
    static final class PendingSource {
        final String id;
        final String sha256;
        final ContentType type;
        final long bytes;
        final List<String> notes;
        private final List<Chunk> chunks = new ArrayList<>();
        private final List<CompletableFuture<Void>> batches = new ArrayList<>();
        private boolean ended;

        private PendingSource(String id, String sha256, ContentType type, long bytes, List<String> notes) {
            this.id = id;
            this.sha256 = sha256;
            this.type = type;
            this.bytes = bytes;
            this.notes = List.copyOf(notes);
        }

        /** Its chunks in position order (batches finish in order on the one lane thread). */
        synchronized List<Chunk> chunks() {
            return List.copyOf(chunks);
        }

        private synchronized void add(Chunk chunk) {
            chunks.add(chunk);
        }
    }

    private record Entry(PendingSource source, TextChunk chunk) {
    }

    PendingSource begin(String id, String sha256, ContentType type, long bytes, List<String> notes) {
        PendingSource source = new PendingSource(id, sha256, type, bytes, notes);
        pending.addLast(source);
        return source;
    }

    /** Queues a chunk; blocks while {@link #IN_FLIGHT} batches are already waiting for the embedder. */
    void add(PendingSource source, TextChunk chunk) {
        batch.add(new Entry(source, chunk));
        if (batch.size() == batchSize) {
            submit();
        }
    }

    /** No more chunks for {@code source}; its last ones may still wait for the batch to fill. */
    void end(PendingSource source) {
        source.ended = true;
    }

    /** Forgets a source that failed while being chunked; chunks already queued are embedded and dropped. */
    void discard(PendingSource source) {
        pending.remove(source);
        batch.removeIf(entry -> entry.source() == source);
    }

    /**
     * The oldest source, once complete; waits for it only if {@code wait}, else returns null when it is not.
     *
     * @throws RunAborted if the embedder failed on one of its batches
     */
    PendingSource nextDone(boolean wait) {
        PendingSource oldest = pending.peekFirst();
        if (oldest == null || !oldest.ended) {
            return null;
        }
        if (batch.stream().anyMatch(entry -> entry.source() == oldest)) {
            if (!wait) {
                return null; // the next source's chunks will fill the batch
            }
            submit();
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(oldest.batches.toArray(CompletableFuture[]::new));
        if (!wait && !all.isDone()) {
            return null;
        }
        try {
            all.get();
        } catch (ExecutionException | CompletionException e) {
            throw RunAborted.embeddingFailed(oldest.id, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RunAborted.embeddingFailed(oldest.id, e);
        }
        return pending.removeFirst();
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Entry> full = batch;
        batch = new ArrayList<>();
        inFlight.acquireUninterruptibly();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> embed(full), lane)
                .whenComplete((ignored, failure) -> inFlight.release());
        full.stream().map(Entry::source).distinct().forEach(source -> source.batches.add(done));
    }

    private void embed(List<Entry> entries) {
        List<float[]> vectors = embedder.embedAll(entries.stream().map(entry -> entry.chunk().text()).toList());
        for (int i = 0; i < entries.size(); i++) {
            PendingSource source = entries.get(i).source();
            TextChunk chunk = entries.get(i).chunk();
            source.add(new Chunk(source.id + "#" + chunk.position(), source.id, chunk.position(), chunk.text(),
                    vectors.get(i), metadata(source, chunk)));
        }
        progress.chunksEmbedded(entries.size());
    }

    private Map<String, String> metadata(PendingSource source, TextChunk chunk) {
        return Map.of(
                "content_type", source.type.mediaType(),
                "heading", chunk.heading(),
                "char_start", Long.toString(chunk.charStart()),
                "char_end", Long.toString(chunk.charEnd()),
                "tokens", Integer.toString(chunk.tokens()),
                "source_sha256", source.sha256,
                "embedding_model", embedder.modelId());
    }

    @Override
    public void close() {
        lane.shutdownNow();
    }
}
