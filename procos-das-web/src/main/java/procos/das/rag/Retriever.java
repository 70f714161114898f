package procos.das.rag;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.VectorUtil;
import procos.das.vector.ScoredChunk;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;

/**
 * Finds the chunks relevant to a question. The store ranks them (dense, or hybrid with keywords);
 * relevance is then judged on one scale whatever the ranking — the cosine similarity of chunk and
 * question — because fused rank scores say nothing about whether anything matched at all.
 */
final class Retriever {

    private final VectorRepository store;
    private final double minRelevance;

    Retriever(VectorRepository store, double minRelevance) {
        this.store = store;
        this.minRelevance = minRelevance;
    }

    /** The relevant chunks, in the store's ranking, numbered from 1. */
    List<Citation> retrieve(Question question, float[] questionVector) {
        List<ScoredChunk> ranked = store.query(new VectorQuery(questionVector, question.text(), question.k(),
                question.filters(), question.mode()));
        List<Citation> relevant = new ArrayList<>();
        for (ScoredChunk hit : ranked) {
            double relevance = cosine(questionVector, hit.chunk().vector());
            if (relevance >= minRelevance) {
                relevant.add(new Citation(relevant.size() + 1, hit.chunk().id(), hit.chunk().sourceId(),
                        hit.chunk().position(), relevance, hit.chunk().text()));
            }
        }
        return relevant;
    }

    static double cosine(float[] a, float[] b) {
        return a.length == b.length ? VectorUtil.cosine(a, b) : -1;
    }
}
