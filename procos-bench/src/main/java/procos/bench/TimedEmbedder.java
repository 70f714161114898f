package procos.bench;

import java.util.List;
import procos.das.knowledge.embed.Embedder;

/** Wraps an embedder to add up the wall time spent inside {@code embedAll}: what the rest of the pipeline costs is the remainder. */
final class TimedEmbedder implements Embedder {

    private final Embedder delegate;
    private long nanos;

    TimedEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    double seconds() {
        return nanos / 1e9;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        long start = System.nanoTime();
        try {
            return delegate.embedAll(texts);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    @Override
    public void close() {
        // The delegate belongs to the caller.
    }
}
