package procos.das.knowledge.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The in-process ONNX embedding models, by the name configuration uses. Both are all-MiniLM-L6-v2
 * (384 dimensions, BERT uncased vocabulary); their vectors are close but not interchangeable, so
 * the model name is recorded with every chunk and the manifest.
 */
public enum OnnxModel {

    /** Full precision (90 MB): the reference quality. */
    ALL_MINILM_L6_V2("all-minilm-l6-v2", AllMiniLmL6V2EmbeddingModel::new),
    /**
     * 8-bit quantized (23 MB): 2–3× the throughput of full precision on this machine's 2 cores
     * (docs/benchmarks.md) for vectors with cosine ≈ 0.99 to the full model's. The default,
     * because on CPU embedding is what bounds ingestion.
     */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new);

    /** What an unset {@code procos.das.embedding.model} means. */
    public static final OnnxModel DEFAULT = ALL_MINILM_L6_V2_Q;

    private final String configName;
    private final Function<Executor, EmbeddingModel> loader;

    OnnxModel(String configName, Function<Executor, EmbeddingModel> loader) {
        this.configName = configName;
        this.loader = loader;
    }

    public String configName() {
        return configName;
    }

    /**
     * @param name a configured model name, case-insensitive; blank means {@link #DEFAULT}
     * @throws IllegalArgumentException naming the setting and the accepted values
     */
    public static OnnxModel fromName(String setting, String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(model -> model.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("setting '" + setting + "' must be one of "
                        + Arrays.stream(values()).map(OnnxModel::configName).collect(Collectors.joining(", "))
                        + ", got '" + name + "'"));
    }

    /**
     * Loads the model from its jar (a second or two); it runs its inferences on {@code executor}.
     * langchain4j reads the model file through the calling thread's context class loader, and in
     * the server the calling thread may be a PDE worker of the kernel's module, which cannot see the
     * web module's jars: the model's own class loader stands in while it loads.
     */
    EmbeddingModel load(Executor executor) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OnnxModel.class.getClassLoader());
        try {
            return loader.apply(executor);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
