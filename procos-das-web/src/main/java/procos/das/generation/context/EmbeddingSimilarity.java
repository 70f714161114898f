package procos.das.generation.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.util.VectorUtil;
import procos.das.knowledge.embed.Embedder;

/**
 * Cosine similarity of the texts' embeddings. Candidates (patterns, deployed intents) are the same
 * from one request to the next, so their vectors are kept, up to {@value #CACHED} texts.
 */
final class EmbeddingSimilarity implements TextSimilarity {

    static final int CACHED = 4_096;

    private final Embedder embedder;
    private final Map<String, float[]> vectors = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED;
        }
    };

    EmbeddingSimilarity(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public double[] scores(String query, List<String> candidates) {
        float[] queryVector = embedder.embedAll(List.of(query)).get(0);
        List<float[]> candidateVectors = vectorsOf(candidates);
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = VectorUtil.cosine(queryVector, candidateVectors.get(i));
        }
        return scores;
    }

    private synchronized List<float[]> vectorsOf(List<String> texts) {
        List<String> missing = texts.stream().filter(text -> !vectors.containsKey(text)).distinct().toList();
        List<float[]> embedded = embedder.embedAll(missing);
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (int i = 0; i < missing.size(); i++) {
            fresh.put(missing.get(i), embedded.get(i));
        }
        List<float[]> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            float[] vector = fresh.containsKey(text) ? fresh.get(text) : vectors.get(text);
            result.add(vector);
        }
        vectors.putAll(fresh);
        return result;
    }
}
