package procos.das.generation.description;

import java.util.List;

/**
 * An activity. A {@link TaskKind#USER} task is work for a person in {@code role}, with a small
 * form; a {@link TaskKind#SERVICE} task is an external task of {@code taskType} run by a PDE of
 * {@code pdeType}.
 *
 * @param name     verb + object ("Check stock")
 * @param kind     who does it
 * @param role     candidate group of a user task; empty for service tasks
 * @param pdeType  the PDE type a service task is routed to ({@link PdeType})
 * @param taskType the PDE task type (external task topic) of a service task, e.g. {@code mail.send}
 * @param form     the fields a person fills in a user task; a decision that follows reads one of them
 * @param outputs  the variables a service task reports, a decision that follows may read one
 * @param deadline an optional time limit: when it passes, {@code onTimeout} runs instead of the rest
 *                 of the task, then the process continues after the task
 * @param onTimeout the steps of the escalation path; empty without a deadline
 */
public record Task(String name, TaskKind kind, String role, PdeType pdeType, String taskType,
                   List<FormField> form, List<String> outputs, Timer deadline, List<Step> onTimeout) implements Step {

    public Task {
        form = form == null ? List.of() : List.copyOf(form);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        onTimeout = onTimeout == null ? List.of() : List.copyOf(onTimeout);
    }

    public static Task user(String name, String role, List<FormField> form) {
        return new Task(name, TaskKind.USER, role, null, null, form, List.of(), null, List.of());
    }

    public static Task service(String name, PdeType pdeType, String taskType, List<String> outputs) {
        return new Task(name, TaskKind.SERVICE, null, pdeType, taskType, List.of(), outputs, null, List.of());
    }

    public enum TaskKind { USER, SERVICE }
}
