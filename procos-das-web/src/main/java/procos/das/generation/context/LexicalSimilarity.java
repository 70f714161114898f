package procos.das.generation.context;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Similarity without an embedding model: the cosine of the texts' word counts, over stemmed words
 * that carry meaning ("approvals" and "approve" count as one, "the" and "a" not at all). It matches
 * wording, not meaning, so it is the fallback when no embedder is configured.
 */
final class LexicalSimilarity implements TextSimilarity {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "before", "by", "do", "does", "each", "every", "for", "from",
            "has", "have", "if", "in", "into", "is", "it", "its", "of", "on", "one", "or", "our", "should", "so",
            "some", "that", "the", "their", "then", "there", "they", "this", "to", "until", "we", "when", "which",
            "while", "who", "will", "with", "within", "must", "can", "after", "all", "any", "been", "than");

    @Override
    public double[] scores(String query, List<String> candidates) {
        Map<String, Integer> queryTerms = terms(query);
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = cosine(queryTerms, terms(candidates.get(i)));
        }
        return scores;
    }

    static Map<String, Integer> terms(String text) {
        PorterStemmer stemmer = new PorterStemmer();
        Map<String, Integer> counts = new HashMap<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                counts.merge(stemmer.stem(word), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Integer> term : a.entrySet()) {
            dot += term.getValue() * (double) b.getOrDefault(term.getKey(), 0);
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> counts) {
        double sum = 0;
        for (int count : counts.values()) {
            sum += (double) count * count;
        }
        return Math.sqrt(sum);
    }
}
