package procos.das.vector.lucene;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges rankings by reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a document
 * scores {@code sum over rankings of 1 / (K + rank)}, rank counted from 1. It needs no score
 * calibration between cosine similarities and BM25 scores, which live on unrelated scales, and
 * {@code K = 60} is the constant of the paper, which Milvus's RRF ranker also uses by default.
 */
final class ReciprocalRankFusion {

    static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /**
     * @param rankings each a list of keys, best first
     * @return each key's fused score
     */
    static <T> Map<T, Double> fuse(List<List<T>> rankings) {
        Map<T, Double> scores = new HashMap<>();
        for (List<T> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
            }
        }
        return scores;
    }
}
