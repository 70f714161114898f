package procos.das.rag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * The relevant chunks, in the store's ranking, numbered from 1. A passage stored under several
     * sources (a copied file, a page fetched under two URLs) is cited once, from its best-ranked
     * source, so that copies cannot crowd out other sources.
     */
    List<Citation> retrieve(Question question, float[] questionVector) {
        List<ScoredChunk> ranked = store.query(new VectorQuery(questionVector, question.text(), question.k(),
                question.filters(), question.mode()));
        List<Citation> relevant = new ArrayList<>();
        Set<String> passages = new HashSet<>();
        for (ScoredChunk hit : ranked) {
            double relevance = cosine(questionVector, hit.chunk().vector());
            if (relevance >= minRelevance && passages.add(hit.chunk().text().strip().replaceAll("\\s+", " "))) {
                relevant.add(new Citation(relevant.size() + 1, hit.chunk().id(), hit.chunk().sourceId(),
                        hit.chunk().position(), relevance, hit.chunk().text(), hit.chunk().metadata()));
            }
        }
        return relevant;
    }

    static double cosine(float[] a, float[] b) {
        return a.length == b.length ? VectorUtil.cosine(a, b) : -1;
    }
}
