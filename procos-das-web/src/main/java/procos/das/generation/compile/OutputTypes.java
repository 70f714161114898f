package procos.das.generation.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Condition;
import procos.das.generation.description.Loop;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;

/**
 * The type each variable must have for the conditions that read it — {@code boolean} for a yes/no
 * test, {@code number} for a comparison of size, the literal's type for an equality — so a service
 * step can be told what to report ({@code expected_outputs} as {@code name:type}) and a PDE never
 * answers {@code true} where a gateway compares a number.
 */
final class OutputTypes {

    static final String ANY = "any";

    private final Map<String, String> types = new HashMap<>();

    private OutputTypes() {
    }

    static OutputTypes of(ProcessDescription description) {
        OutputTypes found = new OutputTypes();
        found.walk(description.steps());
        return found;
    }

    String typeOf(String variable) {
        return types.getOrDefault(variable, ANY);
    }

    /** {@code name:type,…} for the outputs a service task is expected to report. */
    String declare(List<String> outputs) {
        return String.join(",", outputs.stream().map(name -> name + ":" + typeOf(name)).toList());
    }

    private void walk(List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Task task) {
                walk(task.onTimeout());
            } else if (step instanceof Choice choice) {
                choice.branches().forEach(this::walk);
            } else if (step instanceof Parallel parallel) {
                parallel.branches().forEach(this::walk);
            } else if (step instanceof Loop loop) {
                note(loop.until());
                walk(loop.body());
            }
        }
    }

    private void walk(Branch branch) {
        note(branch.condition());
        walk(branch.steps());
    }

    private void note(Condition condition) {
        if (condition == null) {
            return;
        }
        String type = switch (condition.operator()) {
            case IS_TRUE, IS_FALSE -> "boolean";
            case GT, GE, LT, LE -> "number";
            case EQ, NE -> condition.value() instanceof Boolean ? "boolean"
                    : condition.value() instanceof Number ? "number" : "string";
        };
        types.putIfAbsent(condition.variable(), type);
    }
}
