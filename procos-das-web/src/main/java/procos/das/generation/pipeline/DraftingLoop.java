package procos.das.generation.pipeline;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.generation.store.Attempt;

/**
 * The drafting loop in one call, for callers without a process around them (the command line, the
 * benchmark): rounds of {@link DraftRound} until a draft validates, no attempt is left, or the
 * findings say another attempt cannot help. {@code process_generation} runs the same rounds as
 * separate steps instead.
 */
public final class DraftingLoop {

    private final DraftRound rounds;
    private final int maxAttempts;

    public DraftingLoop(DraftRound rounds, int maxAttempts) {
        this.rounds = rounds;
        this.maxAttempts = maxAttempts;
    }

    /** Every attempt made, and the last round's verdict (valid, with the stamped XML, or not). */
    public record Result(List<Attempt> attempts, DraftRound.Judged last) {

        public boolean valid() {
            return last != null && last.valid();
        }
    }

    public Result run(NormalizedIntent intent, GenerationContext context, ProcessMetadata metadata) {
        List<Attempt> attempts = new ArrayList<>();
        DraftRound.Judged judged = null;
        for (int number = 1; number <= maxAttempts; number++) {
            Attempt previous = judged == null ? null : judged.attempt();
            DraftRequest request = previous == null ? DraftRequest.first(intent, context)
                    : new DraftRequest(intent, context, number, previous.description(), previous.findings());
            DraftRound.Drafted drafted = rounds.draft(request, metadata, key -> metadata.version());
            judged = rounds.validate(drafted.attempt(), drafted.compiled() == null ? null : drafted.compiled().xml());
            attempts.add(judged.attempt());
            if (judged.valid() || !DraftRound.repairable(judged.attempt())) {
                break;
            }
        }
        return new Result(attempts, judged);
    }
}
