package procos.das.vector;

import java.util.Map;
import java.util.Objects;

/**
 * What to look for.
 *
 * @param vector  the query's embedding (required for both modes)
 * @param text    the query's text (used by {@link SearchMode#HYBRID} for keyword ranking)
 * @param k       how many chunks to return, at least 1
 * @param filters metadata that every returned chunk must carry with exactly these values
 *                ({@code source_id} filters by source)
 * @param mode    dense or hybrid
 */
public record VectorQuery(float[] vector, String text, int k, Map<String, String> filters, SearchMode mode) {

    public VectorQuery {
        Objects.requireNonNull(vector, "vector");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        text = text == null ? "" : text;
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        mode = mode == null ? SearchMode.DENSE : mode;
    }

    public static VectorQuery dense(float[] vector, int k) {
        return new VectorQuery(vector, "", k, Map.of(), SearchMode.DENSE);
    }
}
