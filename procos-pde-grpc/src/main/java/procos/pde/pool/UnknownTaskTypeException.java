package procos.pde.pool;

import java.util.Set;
import java.util.TreeSet;

/**
 * No pool handles a task type and there is no catch-all pool: the process model asks for work this
 * node is not configured to do. Checked, so the dispatcher has to decide what happens to such a
 * task (an incident on that task) instead of letting its fetch loop die.
 */
public class UnknownTaskTypeException extends Exception {

    private final String taskType;
    private final Set<String> knownTaskTypes;

    public UnknownTaskTypeException(String taskType, Set<String> knownTaskTypes) {
        super("unknown task type '" + taskType + "': no pool handles it and there is no catch-all pool"
                + " (known task types: " + (knownTaskTypes.isEmpty() ? "none" : String.join(", ", new TreeSet<>(knownTaskTypes))) + ")");
        this.taskType = taskType;
        this.knownTaskTypes = Set.copyOf(knownTaskTypes);
    }

    public String taskType() {
        return taskType;
    }

    public Set<String> knownTaskTypes() {
        return knownTaskTypes;
    }
}
