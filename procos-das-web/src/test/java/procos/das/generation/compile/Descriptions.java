package procos.das.generation.compile;

import java.util.List;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Condition;
import procos.das.generation.description.FormField;
import procos.das.generation.description.Loop;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Timer;
import procos.das.generation.description.Trigger;
import procos.das.generation.description.Wait;

/** Short ways to write process descriptions in tests. */
final class Descriptions {

    private Descriptions() {
    }

    static ProcessDescription process(String name, Step... steps) {
        return new ProcessDescription(name, "orders", List.of(), Trigger.NONE, List.of(steps));
    }

    static ProcessDescription process(String name, Trigger trigger, Step... steps) {
        return new ProcessDescription(name, "orders", List.of(), trigger, List.of(steps));
    }

    static ProcessMetadata metadata() {
        return new ProcessMetadata(null, 1, "a test process", null, "tester");
    }

    static Task service(String name, String taskType, String... outputs) {
        return Task.service(name, PdeType.GENERAL_PURPOSE, taskType, List.of(outputs));
    }

    static Task user(String name, String role, FormField... form) {
        return Task.user(name, role, List.of(form));
    }

    static Task withDeadline(Task task, String duration, Step... onTimeout) {
        return new Task(task.name(), task.kind(), task.role(), task.pdeType(), task.taskType(), task.form(), task.outputs(),
                Timer.duration(duration), List.of(onTimeout));
    }

    static FormField bool(String id) {
        return new FormField(id, null, FormField.FieldType.BOOLEAN, List.of());
    }

    static FormField number(String id) {
        return new FormField(id, null, FormField.FieldType.LONG, List.of());
    }

    static FormField text(String id) {
        return new FormField(id, null, FormField.FieldType.STRING, List.of());
    }

    static FormField options(String id, String... values) {
        return new FormField(id, null, FormField.FieldType.ENUM, List.of(values));
    }

    static Choice choice(String question, Branch... branches) {
        return new Choice(question, List.of(branches));
    }

    static Branch when(String label, Condition condition, Step... steps) {
        return new Branch(label, condition, List.of(steps));
    }

    static Branch otherwise(String label, Step... steps) {
        return new Branch(label, null, List.of(steps));
    }

    static Parallel parallel(Branch... branches) {
        return new Parallel(List.of(branches));
    }

    static Branch branch(String label, Step... steps) {
        return new Branch(label, null, List.of(steps));
    }

    static Loop until(String question, Condition until, Step... body) {
        return new Loop(question, List.of(body), until, null);
    }

    static Loop atMost(int times, Condition until, Step... body) {
        return new Loop(null, List.of(body), until, times);
    }

    static Wait waitFor(String duration) {
        return new Wait(null, Timer.duration(duration));
    }

    static MessageWait message(String name, String message) {
        return new MessageWait(name, message);
    }
}
