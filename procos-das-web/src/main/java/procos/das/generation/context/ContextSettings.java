package procos.das.generation.context;

import java.util.Optional;
import java.util.function.Function;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.SettingsReader;

/**
 * How much context a drafter is given.
 *
 * @param patterns             process patterns picked for an intent
 * @param similarProcesses     deployed processes listed as similar, at most
 * @param knowledgePassages    knowledge passages, at most
 * @param minProcessSimilarity how similar a deployed process's intent must be (cosine of embeddings,
 *                             or of word counts when no embedder is given) to be listed
 * @param passageChars         a knowledge passage is cut to about this many characters
 * @param maxChars             the characters of item text the whole context may hold ({@link ContextBudget})
 */
public record ContextSettings(int patterns, int similarProcesses, int knowledgePassages, double minProcessSimilarity,
                              int passageChars, int maxChars) {

    public static final String PATTERNS = "procos.generation.context.patterns";
    public static final String SIMILAR_PROCESSES = "procos.generation.context.similar-processes";
    public static final String KNOWLEDGE_PASSAGES = "procos.generation.context.knowledge-passages";
    public static final String MIN_PROCESS_SIMILARITY = "procos.generation.context.min-process-similarity";
    public static final String PASSAGE_CHARS = "procos.generation.context.passage-chars";
    public static final String MAX_CHARS = "procos.generation.context.max-chars";

    /**
     * Three of each; 0.5 because with all-MiniLM-L6-v2 intents about the same kind of work score
     * above it and intents that merely share a domain word below (see ContextAssemblerTest); 12 000
     * characters is three pattern examples, three processes and three passages with room to spare,
     * about 3 000 tokens of a model's window.
     */
    public static final ContextSettings DEFAULTS = new ContextSettings(3, 3, 3, 0.5, 500, 12_000);

    public ContextSettings {
        require(patterns >= 0 && patterns <= 10, PATTERNS, "must be between 0 and 10, got " + patterns);
        require(similarProcesses >= 0 && similarProcesses <= 10, SIMILAR_PROCESSES, "must be between 0 and 10, got " + similarProcesses);
        require(knowledgePassages >= 0 && knowledgePassages <= 10, KNOWLEDGE_PASSAGES,
                "must be between 0 and 10, got " + knowledgePassages);
        require(minProcessSimilarity >= -1 && minProcessSimilarity <= 1, MIN_PROCESS_SIMILARITY,
                "must be between -1 and 1, got " + minProcessSimilarity);
        require(passageChars >= 50 && passageChars <= 10_000, PASSAGE_CHARS, "must be between 50 and 10000, got " + passageChars);
        require(maxChars >= 0 && maxChars <= 200_000, MAX_CHARS, "must be between 0 and 200000, got " + maxChars);
    }

    private static void require(boolean valid, String setting, String reason) {
        if (!valid) {
            throw new IllegalArgumentException(setting + " " + reason);
        }
    }

    /**
     * Reads the settings, {@link #DEFAULTS} for any not set.
     *
     * @throws InvalidSettingsException listing every setting that is not a number in its range
     */
    public static ContextSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingsException {
        SettingsReader settings = new SettingsReader(lookup);
        int patterns = settings.integer(PATTERNS, DEFAULTS.patterns, 0, 10);
        int similar = settings.integer(SIMILAR_PROCESSES, DEFAULTS.similarProcesses, 0, 10);
        int knowledge = settings.integer(KNOWLEDGE_PASSAGES, DEFAULTS.knowledgePassages, 0, 10);
        double minSimilarity = settings.decimal(MIN_PROCESS_SIMILARITY, DEFAULTS.minProcessSimilarity, -1, 1);
        int passageChars = settings.integer(PASSAGE_CHARS, DEFAULTS.passageChars, 50, 10_000);
        int maxChars = settings.integer(MAX_CHARS, DEFAULTS.maxChars, 0, 200_000);
        settings.check();
        return new ContextSettings(patterns, similar, knowledge, minSimilarity, passageChars, maxChars);
    }
}
