package procos.das.knowledge.embed;

import java.util.List;

/**
 * Embeds texts. Implementations may be in-process models or remote services; ingestion only needs
 * this, so another model is a new implementation, not a change to the pipeline.
 */
public interface Embedder extends AutoCloseable {

    /** A stable name of the model; chunks embedded by different models are never compared. */
    String modelId();

    /** The length of every vector this embedder returns. */
    int dimension();

    /** One vector per text, in the same order. Implementations spread a batch over their threads. */
    List<float[]> embedAll(List<String> texts);

    /** Releases threads and native resources. */
    @Override
    void close();
}
