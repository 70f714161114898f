package procos.das.knowledge.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {

    /** Records which threads ran inferences, to show a batch is spread over them. */
    private static final Set<String> INFERENCE_THREADS = ConcurrentHashMap.newKeySet();
    private static OnnxEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        ThreadPoolExecutor twoThreads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                INFERENCE_THREADS.add(thread.getName());
            }
        };
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT, twoThreads);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void embedsEachTextAsANormalizedVectorOfTheModelsDimension() {
        List<float[]> vectors = embedder.embedAll(List.of("The cat sat on the mat.", "Invoices are due in 30 days."));

        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(vectors).hasSize(2).allSatisfy(vector -> {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        });
    }

    @Test
    void relatedTextsAreCloserThanUnrelatedOnes() {
        List<float[]> vectors = embedder.embedAll(List.of(
                "How do I reset my password?", "Steps to change a forgotten password", "The weather in Lisbon is sunny."));

        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)) + 0.2);
    }

    @Test
    void spreadsABatchOverBothThreads() {
        List<String> batch = IntStream.range(0, 32).mapToObj(i -> "Sentence number " + i + " about a topic.").toList();

        assertThat(embedder.embedAll(batch)).hasSize(32);
        assertThat(INFERENCE_THREADS).hasSize(2);
    }

    @Test
    void anEmptyBatchNeedsNoModelCall() {
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }

    @Test
    void modelNamesAreReadFromConfigurationAndAnUnknownOneIsRefusedByName() {
        assertThat(OnnxModel.fromName("procos.das.embedding.model", "ALL-MiniLM-L6-v2")).isEqualTo(OnnxModel.ALL_MINILM_L6_V2);
        assertThat(OnnxModel.fromName("procos.das.embedding.model", " ")).isEqualTo(OnnxModel.ALL_MINILM_L6_V2_Q);
        assertThatThrownBy(() -> OnnxModel.fromName("procos.das.embedding.model", "bert-large"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'procos.das.embedding.model' must be one of all-minilm-l6-v2, all-minilm-l6-v2-q, got 'bert-large'");
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }
}
