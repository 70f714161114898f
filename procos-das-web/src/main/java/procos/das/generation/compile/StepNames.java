package procos.das.generation.compile;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Wait;

/** The name of a group of steps, for the subprocess that repeats them: what its own activities are called. */
final class StepNames {

    static final String REPEATED_STEPS = "Repeated steps";
    private static final int MAX_NAMED = 3;
    private static final int MAX_LENGTH = 120;

    private StepNames() {
    }

    /** "Call supplier", "Call supplier, Update order", …; {@value #REPEATED_STEPS} when no step has a name of its own. */
    static String of(List<Step> steps) {
        List<String> names = new ArrayList<>();
        for (Step step : steps) {
            String name = step instanceof Task task ? task.name()
                    : step instanceof Wait wait ? wait.name()
                    : step instanceof MessageWait wait ? wait.name() : null;
            if (name != null && !name.isBlank()) {
                names.add(ElementNames.sentence(name));
            }
        }
        if (names.isEmpty()) {
            return REPEATED_STEPS;
        }
        String joined = String.join(", ", names.subList(0, Math.min(MAX_NAMED, names.size())))
                + (names.size() > MAX_NAMED ? ", …" : "");
        return joined.length() <= MAX_LENGTH ? joined : joined.substring(0, MAX_LENGTH - 1) + "…";
    }
}
