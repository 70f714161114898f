package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import procos.das.generation.description.FormField;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.Task;
import procos.das.generation.intent.Token;

/**
 * Makes a task of an action: a user task when a person decides, judges or does hands-on work (or is
 * named doing it), a service task otherwise, routed to AI, integration or general-purpose PDEs by
 * its verb and object. Names are verb + object in sentence case; task types are
 * {@code <domain>.<verb>_<object>}, built from the text's words and the detected domain only.
 */
final class TaskFactory {

    static final Set<String> DOMAINS = Set.of("orders", "hr", "finance", "it_operations", "healthcare",
            "public_administration", "manufacturing", "general");
    private static final Set<String> APPROVAL_VERBS = Set.of("approve", "authorize", "authorise", "sign", "endorse",
            "countersign", "ratify", "accept", "decline", "reject", "deny", "sanction", "grant", "okay", "sign off");
    private static final Set<String> TEXT_WRITING_VERBS = Set.of("draft", "write", "compose", "prepare", "formulate", "word");
    static final int MAX_NAME_WORDS = 6;
    static final int MAX_TASK_TYPE = 100;

    private final String domain;
    private final ConditionReader conditions = new ConditionReader();

    TaskFactory(String domain) {
        String cleaned = Words.snake(domain == null ? "" : domain);
        // The domain prefixes every task type, so only the known domains are used: free text never chooses it.
        this.domain = DOMAINS.contains(cleaned) ? cleaned : "general";
    }

    String domain() {
        return domain;
    }

    TaskDraft create(ActionPhrase action, int sentence) {
        String verb = action.verb();
        String baseVerb = verb.split(" ")[0];
        List<String> objectWords = objectWords(action);
        List<String> nameWords = new ArrayList<>(List.of(verb.split(" ")));
        nameWords.addAll(objectWords);
        String name = Words.sentenceCase(nameWords.subList(0, Math.min(nameWords.size(), MAX_NAME_WORDS)));
        Task.TaskKind kind = isHumanWork(action, baseVerb) ? Task.TaskKind.USER : Task.TaskKind.SERVICE;
        String object = String.join(" ", objectWords);
        String taskType = taskType(verb, object);
        String role = kind == Task.TaskKind.USER ? role(action, baseVerb) : null;
        TaskDraft task = new TaskDraft(name, kind, role, kind == Task.TaskKind.SERVICE ? pdeType(action, baseVerb) : null,
                kind == Task.TaskKind.SERVICE ? taskType : null, verb, object, sentence);
        if (!action.question().isEmpty()) {
            // "check if the items are available" sets what it asks.
            ConditionPhrase asked = conditions.read(action.question(), false);
            if (!asked.variable().isEmpty()) {
                task.attach(asked.variable(), asked.isBoolean());
            }
        }
        if (kind == Task.TaskKind.USER && task.variables().isEmpty()) {
            addForm(task, action, baseVerb);
        }
        return task;
    }

    /** A service task that works out what a condition reads when no step before it does. */
    TaskDraft check(ConditionPhrase condition, int sentence) {
        String subject = condition.subject().isBlank() ? Words.spaced(condition.variable()) : condition.subject();
        List<String> words = new ArrayList<>(List.of("check"));
        words.addAll(List.of(subject.toLowerCase().split("\\s+")));
        TaskDraft task = new TaskDraft(Words.sentenceCase(words.subList(0, Math.min(words.size(), MAX_NAME_WORDS))),
                Task.TaskKind.SERVICE, null, PdeType.GENERAL_PURPOSE, taskType("check", subject), "check", subject, sentence);
        task.attach(condition.variable(), condition.isBoolean());
        return task;
    }

    String taskType(String verb, String object) {
        String suffix = Words.snake(object.isBlank() ? verb : verb + " " + object, MAX_TASK_TYPE - domain.length() - 1);
        return domain + "." + (suffix.isEmpty() ? "step" : suffix);
    }

    private static List<String> objectWords(ActionPhrase action) {
        List<Token> source = action.object();
        if (source.isEmpty() && !action.question().isEmpty()) {
            source = action.question().stream().filter(t -> !t.is("DET") && !t.isPunctuation() && !t.lower().equals("'s"))
                    .toList();
        }
        if (source.isEmpty()) {
            source = action.prepObject();
        }
        List<String> words = new ArrayList<>();
        for (Token token : source) {
            words.add(token.text());
        }
        return words.size() > MAX_NAME_WORDS - 1 ? words.subList(0, MAX_NAME_WORDS - 1) : words;
    }

    private static boolean isHumanWork(ActionPhrase action, String verb) {
        if (action.automatic() || action.aiActor() || action.machineActor() && !action.manual()) {
            return false;
        }
        if (action.manual() || action.alternatives()) {
            return true;
        }
        if (verb.equals("call")) {
            return !mentionsSystem(action);
        }
        if (Lexicon.INTEGRATION_VERBS.contains(verb) || Lexicon.AI_VERBS.contains(verb)) {
            return false;
        }
        return Lexicon.DECISION_VERBS.contains(verb) || Lexicon.INSPECTION_VERBS.contains(verb)
                || Lexicon.HUMAN_VERBS.contains(verb) || action.hasHumanActor();
    }

    private static PdeType pdeType(ActionPhrase action, String verb) {
        boolean textObject = action.object().stream().anyMatch(t -> Lexicon.TEXT_OBJECTS.contains(t.lemma()));
        if (action.aiActor() || Lexicon.AI_VERBS.contains(verb) || TEXT_WRITING_VERBS.contains(verb) && textObject) {
            return PdeType.AI;
        }
        if (Lexicon.INTEGRATION_VERBS.contains(verb) || mentionsSystem(action)) {
            return PdeType.INTEGRATION;
        }
        return PdeType.GENERAL_PURPOSE;
    }

    private static boolean mentionsSystem(ActionPhrase action) {
        List<Token> words = new ArrayList<>(action.object());
        words.addAll(action.prepObject());
        return words.stream().anyMatch(t -> Lexicon.SYSTEM_OBJECTS.contains(t.lower()));
    }

    private static String role(ActionPhrase action, String verb) {
        if (action.hasHumanActor()) {
            List<Token> actor = new ArrayList<>(action.actor());
            actor.removeIf(t -> t.is("PRON"));
            String role = Words.snake(ConditionReader.join(actor), 40);
            if (!role.isEmpty()) {
                return role;
            }
        }
        return APPROVAL_VERBS.contains(verb) || action.alternatives() ? "approver" : "operator";
    }

    private static void addForm(TaskDraft task, ActionPhrase action, String verb) {
        if (Lexicon.DECISION_VERBS.contains(verb) || action.alternatives()) {
            task.defaultDecision(new FormField("approved", "Approved", FormField.FieldType.BOOLEAN, List.of()));
            task.form.add(new FormField("comment", "Comment", FormField.FieldType.STRING, List.of()));
        } else if (Lexicon.INSPECTION_VERBS.contains(verb) || verb.equals("check") || verb.equals("verify")) {
            task.defaultDecision(new FormField("passed", "Passed", FormField.FieldType.BOOLEAN, List.of()));
            task.form.add(new FormField("findings", "Findings", FormField.FieldType.STRING, List.of()));
        } else {
            String id = Words.snake(verb + " notes", 40);
            task.form.add(new FormField(id, Words.sentenceCase(Words.spaced(id)), FormField.FieldType.STRING,
                    Collections.emptyList()));
        }
    }
}
