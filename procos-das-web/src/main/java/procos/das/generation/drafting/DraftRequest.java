package procos.das.generation.drafting;

import java.util.List;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.validation.Finding;

/**
 * What a drafter is asked: the intent and its context, and on a repair attempt the previous draft
 * with what validation found in it.
 *
 * @param attempt  1 for the first draft, then 2, 3, … for repairs
 * @param previous the previous attempt's description, {@code null} on the first attempt
 * @param findings what validation found in {@code previous}; empty on the first attempt
 */
public record DraftRequest(NormalizedIntent intent, GenerationContext context, int attempt,
                           ProcessDescription previous, List<Finding> findings) {

    public DraftRequest {
        context = context == null ? GenerationContext.EMPTY : context;
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public static DraftRequest first(NormalizedIntent intent, GenerationContext context) {
        return new DraftRequest(intent, context, 1, null, List.of());
    }
}
