package procos.das.rag;

/**
 * How answers are made.
 *
 * @param minRelevance       cosine similarity a chunk (and, for extractive answers, a sentence)
 *                           must reach to count as relevant; below it the answer is "not found"
 * @param maxSentences       sentences an extractive answer is made of
 * @param sentenceCandidates sentences of the retrieved chunks considered for an extractive answer,
 *                           best chunks first (each is embedded, so this bounds the cost)
 */
public record RagSettings(double minRelevance, int maxSentences, int sentenceCandidates) {

    /**
     * 0.3 separates on-topic from off-topic passages for all-MiniLM-L6-v2 questions in the tests
     * here; other embedding models may need another value.
     */
    public static final RagSettings DEFAULTS = new RagSettings(0.3, 3, 60);

    public RagSettings {
        if (!(minRelevance >= -1 && minRelevance <= 1)) {
            throw new IllegalArgumentException("minRelevance must be between -1 and 1, got " + minRelevance);
        }
        if (maxSentences < 1) {
            throw new IllegalArgumentException("maxSentences must be at least 1, got " + maxSentences);
        }
        if (sentenceCandidates < maxSentences) {
            throw new IllegalArgumentException("sentenceCandidates must be at least maxSentences (" + maxSentences
                    + "), got " + sentenceCandidates);
        }
    }
}
