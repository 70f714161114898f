package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.description.FormField;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Timer;

/** A task being drafted; conditions that follow it attach the variables they read to it. */
final class TaskDraft implements StepDraft {

    String name;
    final Task.TaskKind kind;
    final String role;
    final PdeType pdeType;
    final String taskType;
    final List<FormField> form = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    /** The verb and object, for contradictions and for naming an outcome ("card_charged"). */
    final String verb;
    final String object;
    Timer deadline;
    final List<StepDraft> onTimeout = new ArrayList<>();
    /** A decision field put on the form by default, given up when a condition names its own variable. */
    private String defaultField;
    private final int sentence;

    TaskDraft(String name, Task.TaskKind kind, String role, PdeType pdeType, String taskType, String verb, String object,
              int sentence) {
        this.name = name;
        this.kind = kind;
        this.role = role;
        this.pdeType = pdeType;
        this.taskType = taskType;
        this.verb = verb;
        this.object = object;
        this.sentence = sentence;
    }

    void defaultDecision(FormField field) {
        form.add(0, field);
        defaultField = field.id();
    }

    /** The variables this task sets, newest first. */
    List<String> variables() {
        List<String> variables = new ArrayList<>();
        form.forEach(f -> variables.add(0, f.id()));
        outputs.forEach(o -> variables.add(0, o));
        return variables;
    }

    /** The yes/no variables this task sets, most telling first. */
    List<String> booleanVariables() {
        List<String> variables = new ArrayList<>();
        for (FormField field : form) {
            if (field.type() == FormField.FieldType.BOOLEAN) {
                variables.add(field.id());
            }
        }
        variables.addAll(outputs);
        return variables;
    }

    boolean sets(String variable) {
        return variables().contains(variable);
    }

    /** Makes this task set {@code variable}: a form field for a person, an output for a service. */
    void attach(String variable, boolean yesNo) {
        if (sets(variable)) {
            return;
        }
        if (kind == Task.TaskKind.SERVICE) {
            outputs.add(variable);
            return;
        }
        FormField field = new FormField(variable, Words.sentenceCase(Words.spaced(variable)),
                yesNo ? FormField.FieldType.BOOLEAN : FormField.FieldType.LONG, List.of());
        if (defaultField != null && yesNo) {
            form.removeIf(f -> f.id().equals(defaultField));
            form.add(0, field);
        } else {
            form.add(field);
        }
        defaultField = null;
    }

    /** Marks the default decision field as read by a condition, so that it stays. */
    void keepDefault() {
        defaultField = null;
    }

    @Override
    public int sentence() {
        return sentence;
    }

    @Override
    public Step toStep() {
        return new Task(name, kind, kind == Task.TaskKind.USER ? role : null, kind == Task.TaskKind.SERVICE ? pdeType : null,
                kind == Task.TaskKind.SERVICE ? taskType : null, form, outputs, deadline,
                deadline == null ? List.of() : StepDraft.freeze(onTimeout));
    }
}
