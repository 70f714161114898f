package procos.das.vector.lucene;

import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.QueryBuilder;
import procos.das.vector.Chunk;
import procos.das.vector.ScoredChunk;
import procos.das.vector.SearchMode;
import procos.das.vector.VectorQuery;

/**
 * Runs one query against one point-in-time searcher.
 *
 * <p>Dense: HNSW is approximate, so it is asked for {@code k × oversampling} neighbours and the best
 * {@code k} are kept; that, not re-scoring, is what lifts recall, because the scores Lucene returns
 * are already the exact similarities of the vectors it found. The reported score is the cosine
 * similarity itself (Lucene scores cosine as {@code (1 + cos) / 2}).
 *
 * <p>Hybrid: the dense candidates and the BM25 candidates for the query's text, both under the
 * same filters, fused by {@link ReciprocalRankFusion}; the score is the fused one.
 */
final class LuceneSearch {

    /** Upper bound on candidates per ranking, so a huge {@code k} cannot exhaust the heap. */
    static final int MAX_CANDIDATES = 10_000;

    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final int oversampling;

    LuceneSearch(IndexSearcher searcher, Analyzer analyzer, int oversampling) {
        this.searcher = searcher;
        this.analyzer = analyzer;
        this.oversampling = oversampling;
    }

    List<ScoredChunk> run(VectorQuery query) throws IOException {
        int candidates = (int) Math.min(Math.max((long) query.k() * oversampling, query.k()), MAX_CANDIDATES);
        Query filter = ChunkDocument.filter(query.filters());
        ScoreDoc[] dense = searcher.search(new KnnFloatVectorQuery(VECTOR, query.vector(), candidates, filter),
                candidates).scoreDocs;
        if (query.mode() == SearchMode.DENSE) {
            List<ScoredChunk> best = new ArrayList<>();
            for (ScoreDoc hit : Arrays.copyOf(dense, Math.min(query.k(), dense.length))) {
                best.add(new ScoredChunk(chunk(hit.doc), 2.0 * hit.score - 1.0));
            }
            return best;
        }
        return hybrid(query, dense, keyword(query.text(), filter, candidates));
    }

    private List<ScoredChunk> hybrid(VectorQuery query, ScoreDoc[] dense, ScoreDoc[] keyword) throws IOException {
        Map<Integer, Double> fused = ReciprocalRankFusion.fuse(List.of(docs(dense), docs(keyword)));
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<ScoredChunk> best = new ArrayList<>();
        for (Map.Entry<Integer, Double> entry : ranked.subList(0, Math.min(query.k(), ranked.size()))) {
            best.add(new ScoredChunk(chunk(entry.getKey()), entry.getValue()));
        }
        return best;
    }

    /** BM25 ranking of the chunk texts for {@code text}; empty when the text has no searchable words. */
    private ScoreDoc[] keyword(String text, Query filter, int candidates) throws IOException {
        // Built from analysed terms rather than parsed, so no user text is ever read as query syntax.
        Query words = new QueryBuilder(analyzer).createBooleanQuery(TEXT, text);
        if (words == null) {
            return new ScoreDoc[0];
        }
        if (filter != null) {
            words = new BooleanQuery.Builder()
                    .add(words, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
        }
        return searcher.search(words, candidates).scoreDocs;
    }

    private static List<Integer> docs(ScoreDoc[] hits) {
        return Arrays.stream(hits).map(hit -> hit.doc).toList();
    }

    private Chunk chunk(int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        return ChunkDocument.read(leaf.reader(), doc - leaf.docBase);
    }
}
