package procos.das.generation.drafting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Loop;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Trigger;
import procos.das.generation.description.Wait;

/**
 * The shape of a process description, counted by walking its tree: how many choices, parallel
 * blocks, loops, user and service tasks, timers (start, wait, deadline) and message waits it has,
 * and the names of its steps. Escalation steps under a deadline count like any other step. Tests
 * compare it with the structure an intent is expected to produce.
 */
public record DescriptionStructure(int choices, int parallels, int loops, int userTasks, int serviceTasks,
                                   int timerTriggers, int waits, int deadlines, int messageWaits, boolean messageTrigger,
                                   List<String> names) {

    public DescriptionStructure {
        names = List.copyOf(names);
    }

    public static DescriptionStructure of(ProcessDescription description) {
        Counter counter = new Counter();
        counter.walk(description.steps());
        Trigger trigger = description.trigger();
        if (trigger.name() != null) {
            counter.names.add(trigger.name());
        }
        return new DescriptionStructure(counter.choices, counter.parallels, counter.loops, counter.userTasks,
                counter.serviceTasks, trigger.kind() == Trigger.Kind.TIMER ? 1 : 0, counter.waits, counter.deadlines,
                counter.messageWaits, trigger.kind() == Trigger.Kind.MESSAGE, counter.names);
    }

    /** The counts by name, for comparing and for printing what differs. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new TreeMap<>();
        counts.put("choices", choices);
        counts.put("parallels", parallels);
        counts.put("loops", loops);
        counts.put("userTasks", userTasks);
        counts.put("serviceTasks", serviceTasks);
        counts.put("timerTriggers", timerTriggers);
        counts.put("waits", waits);
        counts.put("deadlines", deadlines);
        counts.put("messageWaits", messageWaits);
        counts.put("messageTrigger", messageTrigger);
        return counts;
    }

    /** Whether some step, gateway or event name contains {@code words}, ignoring case. */
    public boolean hasName(String words) {
        String wanted = words.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(name -> name.toLowerCase(Locale.ROOT).contains(wanted));
    }

    private static final class Counter {
        int choices;
        int parallels;
        int loops;
        int userTasks;
        int serviceTasks;
        int waits;
        int deadlines;
        int messageWaits;
        final List<String> names = new ArrayList<>();

        void walk(List<Step> steps) {
            for (Step step : steps) {
                walk(step);
            }
        }

        void walk(Step step) {
            if (step instanceof Task task) {
                names.add(task.name());
                if (task.kind() == Task.TaskKind.USER) {
                    userTasks++;
                } else {
                    serviceTasks++;
                }
                if (task.deadline() != null) {
                    deadlines++;
                }
                walk(task.onTimeout());
            } else if (step instanceof Choice choice) {
                choices++;
                names.add(choice.question());
                choice.branches().stream().map(Branch::steps).forEach(this::walk);
            } else if (step instanceof Parallel parallel) {
                parallels++;
                parallel.branches().stream().map(Branch::steps).forEach(this::walk);
            } else if (step instanceof Loop loop) {
                loops++;
                names.add(loop.question());
                walk(loop.body());
            } else if (step instanceof Wait wait) {
                waits++;
                names.add(wait.name());
            } else if (step instanceof MessageWait message) {
                messageWaits++;
                names.add(message.name());
            }
        }
    }
}
