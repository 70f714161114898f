package procos.das.generation.context;

import java.util.List;

/**
 * What a drafter is given beside the intent: process patterns that fit it, similar processes
 * already deployed, and relevant knowledge from the DAS.
 */
public record GenerationContext(List<Pattern> patterns, List<SimilarProcess> similarProcesses, List<Knowledge> knowledge) {

    public static final GenerationContext EMPTY = new GenerationContext(List.of(), List.of(), List.of());

    public GenerationContext {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        similarProcesses = similarProcesses == null ? List.of() : List.copyOf(similarProcesses);
        knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    }

    /** A reusable process pattern: its name, when it applies, and an example description as JSON. */
    public record Pattern(String name, String whenToUse, String exampleJson) {
    }

    /** A deployed process whose intent resembles this one. */
    public record SimilarProcess(String key, String name, String intent, double similarity) {
    }

    /** A passage of the knowledge base relevant to the intent, with its source. */
    public record Knowledge(String source, String text, double relevance) {
    }
}
