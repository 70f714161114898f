package procos.das.generation.context;

import java.util.List;

/** How alike a text is to each of several others, from -1 (opposite) to 1 (the same). */
interface TextSimilarity {

    /** One score per candidate, in the candidates' order. */
    double[] scores(String query, List<String> candidates);
}
