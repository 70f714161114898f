package procos.das.rag;

import java.util.Map;
import procos.das.vector.SearchMode;

/**
 * What a user asks, and how to look for it.
 *
 * @param text    the question, at most {@link #MAX_CHARS} characters, with at least one letter or digit
 * @param k       how many chunks to retrieve, 1 to {@link #MAX_K}
 * @param mode    dense or hybrid retrieval
 * @param filters metadata every retrieved chunk must carry (for example {@code source_id})
 */
public record Question(String text, int k, SearchMode mode, Map<String, String> filters) {

    /** Long enough for a detailed question; a pasted document is not a question. */
    public static final int MAX_CHARS = 4_000;
    public static final int MAX_K = 50;
    public static final int DEFAULT_K = 5;
    /**
     * Dense: on the Python FAQ question set it ranked the right answer first for 75 % of the
     * questions against 66 % for hybrid (docs/benchmarks.md), where RRF lets keyword matches on
     * common words push the dense best out. Hybrid stays a choice, for knowledge full of rare terms.
     */
    public static final SearchMode DEFAULT_MODE = SearchMode.DENSE;

    public Question {
        if (text == null || text.isBlank()) {
            throw new InvalidQuestionException("question is empty");
        }
        text = text.strip();
        if (text.length() > MAX_CHARS) {
            throw new InvalidQuestionException("question is " + text.length() + " characters long; at most "
                    + MAX_CHARS + " are accepted (ask about a passage, do not paste it)");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new InvalidQuestionException("question has no letters or digits to search for: '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidQuestionException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        mode = mode == null ? DEFAULT_MODE : mode;
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    /** The question with the default k, the default mode and no filters. */
    public static Question of(String text) {
        return new Question(text, DEFAULT_K, DEFAULT_MODE, Map.of());
    }
}
