package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Loop;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.Step;

/**
 * A step while the drafter is still building it: branches grow, variables are attached to tasks as
 * later conditions need them. {@link #toStep()} freezes it into the description's immutable records.
 */
sealed interface StepDraft permits TaskDraft, StepDraft.ChoiceDraft, StepDraft.ParallelDraft, StepDraft.LoopDraft,
        StepDraft.Fixed {

    /** The sentence the step came from, counted from 0. */
    int sentence();

    Step toStep();

    static List<Step> freeze(List<StepDraft> drafts) {
        return drafts.stream().map(StepDraft::toStep).toList();
    }

    /** A step that needs no further building: a wait or a message wait. */
    record Fixed(Step step, int sentence) implements StepDraft {
        @Override
        public Step toStep() {
            return step;
        }
    }

    /** One branch of a choice; {@code condition} is {@code null} for the default. */
    final class BranchDraft {
        final String label;
        final ConditionPhrase condition;
        final List<StepDraft> steps = new ArrayList<>();

        BranchDraft(String label, ConditionPhrase condition) {
            this.label = label;
            this.condition = condition;
        }
    }

    final class ChoiceDraft implements StepDraft {
        final String question;
        final List<BranchDraft> branches = new ArrayList<>();
        private final int sentence;

        ChoiceDraft(String question, int sentence) {
            this.question = question;
            this.sentence = sentence;
        }

        BranchDraft defaultBranch() {
            return branches.stream().filter(b -> b.condition == null).findFirst().orElse(null);
        }

        @Override
        public int sentence() {
            return sentence;
        }

        @Override
        public Step toStep() {
            List<Branch> frozen = new ArrayList<>();
            for (BranchDraft branch : branches) {
                frozen.add(new Branch(branch.label, branch.condition == null ? null : branch.condition.condition(),
                        freeze(branch.steps)));
            }
            if (defaultBranch() == null) {
                // Exactly one default: without one an instance whose case the text left open would be stuck.
                frozen.add(new Branch("otherwise", null, List.of()));
            }
            return new Choice(question, frozen);
        }
    }

    final class ParallelDraft implements StepDraft {
        final List<List<StepDraft>> branches = new ArrayList<>();
        private final int sentence;

        ParallelDraft(int sentence) {
            this.sentence = sentence;
        }

        List<StepDraft> newBranch() {
            List<StepDraft> branch = new ArrayList<>();
            branches.add(branch);
            return branch;
        }

        @Override
        public int sentence() {
            return sentence;
        }

        @Override
        public Step toStep() {
            List<Branch> frozen = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                frozen.add(new Branch("branch " + (i + 1), null, freeze(branches.get(i))));
            }
            return new Parallel(frozen);
        }
    }

    final class LoopDraft implements StepDraft {
        final String question;
        final List<StepDraft> body;
        final ConditionPhrase until;
        final Integer maxIterations;
        private final int sentence;

        LoopDraft(String question, List<StepDraft> body, ConditionPhrase until, Integer maxIterations, int sentence) {
            this.question = question;
            this.body = new ArrayList<>(body);
            this.until = until;
            this.maxIterations = maxIterations;
            this.sentence = sentence;
        }

        @Override
        public int sentence() {
            return sentence;
        }

        @Override
        public Step toStep() {
            return new Loop(question, freeze(body), until == null ? null : until.condition(), maxIterations);
        }
    }
}
