package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Loop;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Wait;
import procos.das.validation.Finding;

/**
 * What the deterministic drafter can do with validation findings on a repair attempt. It drafts the
 * same way every time, so the structure it produced is what the text says; what it can change is
 * style: on a naming finding (a rule starting with {@code naming}) it writes every name again in the
 * house style (sentence case, short activity names, gateways as questions). Findings it cannot act
 * on are returned as notes, so the person sees them instead of a silent second identical draft.
 */
final class DraftRepairer {

    private static final int MAX_NAME_LENGTH = 60;

    record Repaired(ProcessDescription description, List<String> notes) {
    }

    Repaired repair(ProcessDescription description, List<Finding> findings) {
        List<String> notes = new ArrayList<>();
        boolean naming = false;
        for (Finding finding : findings) {
            if (finding.rule().toLowerCase(Locale.ROOT).startsWith("naming")) {
                naming = true;
            } else {
                notes.add("Without a language model this finding cannot be repaired: " + finding);
            }
        }
        if (!naming) {
            return new Repaired(description, notes);
        }
        notes.add("Names were written again in the naming style after validation reported naming findings.");
        return new Repaired(new ProcessDescription(description.name(), description.domain(), description.roles(),
                description.trigger(), restyle(description.steps())), notes);
    }

    private static List<Step> restyle(List<Step> steps) {
        List<Step> restyled = new ArrayList<>();
        for (Step step : steps) {
            restyled.add(restyle(step));
        }
        return restyled;
    }

    private static Step restyle(Step step) {
        if (step instanceof Task task) {
            return new Task(activityName(task.name()), task.kind(), task.role(), task.pdeType(), task.taskType(), task.form(),
                    task.outputs(), task.deadline(), restyle(task.onTimeout()));
        }
        if (step instanceof Choice choice) {
            return new Choice(questionName(choice.question()), branches(choice.branches()));
        }
        if (step instanceof Parallel parallel) {
            return new Parallel(branches(parallel.branches()));
        }
        if (step instanceof Loop loop) {
            return new Loop(questionName(loop.question()), restyle(loop.body()), loop.until(), loop.maxIterations());
        }
        if (step instanceof Wait wait) {
            return new Wait(stateName(wait.name()), wait.timer());
        }
        MessageWait message = (MessageWait) step;
        return new MessageWait(stateName(message.name()), message.message());
    }

    private static List<Branch> branches(List<Branch> branches) {
        return branches.stream().map(b -> new Branch(b.label(), b.condition(), restyle(b.steps()))).toList();
    }

    /** Verb + object, sentence case, at most six words and {@value #MAX_NAME_LENGTH} characters. */
    static String activityName(String name) {
        String[] words = clean(name).split(" ");
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (kept.size() >= TaskFactory.MAX_NAME_WORDS || String.join(" ", kept).length() + word.length() > MAX_NAME_LENGTH) {
                break;
            }
            kept.add(word);
        }
        return Words.sentenceCase(kept.isEmpty() ? List.of("Step") : kept);
    }

    static String questionName(String question) {
        String cleaned = clean(question).replaceAll("\\?+$", "").strip();
        return Words.sentenceCase(cleaned.isEmpty() ? "Decision" : cleaned) + "?";
    }

    static String stateName(String state) {
        String cleaned = clean(state).replaceAll("[.!?]+$", "");
        return Words.sentenceCase(cleaned.isEmpty() ? "Event occurred" : cleaned);
    }

    private static String clean(String name) {
        return name == null ? "" : name.replaceAll("[\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
    }
}
