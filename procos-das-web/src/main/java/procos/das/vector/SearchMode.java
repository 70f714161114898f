package procos.das.vector;

/** How a query ranks chunks. */
public enum SearchMode {
    /** Nearest neighbours of the query vector only. */
    DENSE,
    /** Dense and BM25 keyword rankings fused by reciprocal rank fusion. */
    HYBRID
}
