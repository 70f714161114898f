package procos.das.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Embedder} running one of langchain4j's in-process ONNX models. langchain4j embeds each
 * text of a batch as its own task on the executor it is given; this class owns that executor, one
 * thread per core by default, so a batch keeps every core busy and {@link #close()} stops the
 * threads.
 */
public final class OnnxEmbedder implements Embedder {

    private final OnnxModel model;
    private final ExecutorService threads;
    private final EmbeddingModel embeddings;

    /** With one inference thread per available core. */
    public OnnxEmbedder(OnnxModel model) {
        this(model, Runtime.getRuntime().availableProcessors());
    }

    public OnnxEmbedder(OnnxModel model, int threadCount) {
        this(model, Executors.newFixedThreadPool(requirePositive(threadCount), namedDaemonThreads()));
    }

    /** With the given threads, which this embedder then owns and shuts down. */
    OnnxEmbedder(OnnxModel model, ExecutorService threads) {
        this.model = Objects.requireNonNull(model, "model");
        this.threads = threads;
        this.embeddings = model.load(threads);
    }

    private static int requirePositive(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be at least 1, got " + threadCount);
        }
        return threadCount;
    }

    @Override
    public String modelId() {
        return model.configName();
    }

    @Override
    public int dimension() {
        return embeddings.dimension();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return embeddings.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "procos-embedding-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
