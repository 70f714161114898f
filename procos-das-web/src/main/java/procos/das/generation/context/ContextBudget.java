package procos.das.generation.context;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.context.GenerationContext.Knowledge;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.context.GenerationContext.SimilarProcess;

/**
 * Keeps a {@link GenerationContext} within a size a model prompt can carry. Items are kept in
 * order of use to a drafter — patterns, then similar processes, then knowledge, each list best
 * first — and an item that does not fit in what is left is dropped whole, since half an example
 * description teaches a model broken JSON.
 */
public final class ContextBudget {

    private ContextBudget() {
    }

    /** The context with as many items as fit in {@code maxChars} characters of item text. */
    public static GenerationContext fit(GenerationContext context, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative, got " + maxChars);
        }
        int[] left = {maxChars};
        List<Pattern> patterns = new ArrayList<>();
        for (Pattern pattern : context.patterns()) {
            take(pattern, size(pattern.name(), pattern.whenToUse(), pattern.exampleJson()), left, patterns);
        }
        List<SimilarProcess> similar = new ArrayList<>();
        for (SimilarProcess process : context.similarProcesses()) {
            take(process, size(process.key(), process.name(), process.intent()), left, similar);
        }
        List<Knowledge> knowledge = new ArrayList<>();
        for (Knowledge passage : context.knowledge()) {
            take(passage, size(passage.source(), passage.text()), left, knowledge);
        }
        return new GenerationContext(patterns, similar, knowledge);
    }

    /** The characters of item text in {@code context}, as {@link #fit} counts them. */
    public static int size(GenerationContext context) {
        int total = 0;
        for (Pattern pattern : context.patterns()) {
            total += size(pattern.name(), pattern.whenToUse(), pattern.exampleJson());
        }
        for (SimilarProcess process : context.similarProcesses()) {
            total += size(process.key(), process.name(), process.intent());
        }
        for (Knowledge passage : context.knowledge()) {
            total += size(passage.source(), passage.text());
        }
        return total;
    }

    private static <T> void take(T item, int size, int[] left, List<T> kept) {
        if (size <= left[0]) {
            kept.add(item);
            left[0] -= size;
        }
    }

    private static int size(String... texts) {
        int size = 0;
        for (String text : texts) {
            size += text == null ? 0 : text.length();
        }
        return size;
    }
}
