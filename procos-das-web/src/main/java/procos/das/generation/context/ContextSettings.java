package procos.das.generation.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

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
        List<ConfigProblem> problems = new ArrayList<>();
        Function<String, Optional<String>> set = key -> lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
        int patterns = integer(set, PATTERNS, DEFAULTS.patterns, 0, 10, problems);
        int similar = integer(set, SIMILAR_PROCESSES, DEFAULTS.similarProcesses, 0, 10, problems);
        int knowledge = integer(set, KNOWLEDGE_PASSAGES, DEFAULTS.knowledgePassages, 0, 10, problems);
        double minSimilarity = decimal(set, MIN_PROCESS_SIMILARITY, DEFAULTS.minProcessSimilarity, problems);
        int passageChars = integer(set, PASSAGE_CHARS, DEFAULTS.passageChars, 50, 10_000, problems);
        int maxChars = integer(set, MAX_CHARS, DEFAULTS.maxChars, 0, 200_000, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new ContextSettings(patterns, similar, knowledge, minSimilarity, passageChars, maxChars);
    }

    private static int integer(Function<String, Optional<String>> lookup, String key, int fallback, int min, int max,
                               List<ConfigProblem> problems) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
            problems.add(new ConfigProblem(key, raw.get(), "must be between " + min + " and " + max));
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not a whole number"));
        }
        return fallback;
    }

    private static double decimal(Function<String, Optional<String>> lookup, String key, double fallback,
                                  List<ConfigProblem> problems) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value >= -1 && value <= 1) {
                return value;
            }
            problems.add(new ConfigProblem(key, raw.get(), "must be between -1 and 1"));
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not a number"));
        }
        return fallback;
    }
}
