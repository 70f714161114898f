package procos.pde.pool;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about each task type, looked up by name: the inputs a request must carry, the
 * outputs a result must carry, and whether results may be cached (deterministic) or the task
 * repeated freely (idempotent). The pipeline asks it before and after running a task.
 *
 * <p>A task type without a description requires nothing and promises nothing: neither
 * deterministic nor idempotent, the safe assumption for code that never declared otherwise.
 */
public final class TaskTypeCatalog {

    private final Map<String, TaskTypeConfig> byName;

    private TaskTypeCatalog(Map<String, TaskTypeConfig> byName) {
        this.byName = byName;
    }

    public static TaskTypeCatalog from(PdeManagerConfig config) {
        return of(config.taskTypes());
    }

    /**
     * @throws IllegalArgumentException if two descriptions share a name
     */
    public static TaskTypeCatalog of(Collection<TaskTypeConfig> taskTypes) {
        Map<String, TaskTypeConfig> byName = new LinkedHashMap<>();
        for (TaskTypeConfig taskType : taskTypes) {
            if (byName.putIfAbsent(taskType.name(), taskType) != null) {
                throw new IllegalArgumentException("task type " + taskType.name() + " is described twice");
            }
        }
        return new TaskTypeCatalog(Collections.unmodifiableMap(byName));
    }

    /** The description of {@code taskType}, if the configuration has one. */
    public Optional<TaskTypeConfig> find(String taskType) {
        return Optional.ofNullable(byName.get(taskType));
    }

    /** The description of {@code taskType}, or {@link TaskTypeConfig#undescribed} if there is none. */
    public TaskTypeConfig describe(String taskType) {
        return find(taskType).orElseGet(() -> TaskTypeConfig.undescribed(taskType));
    }

    public List<String> requiredInputs(String taskType) {
        return describe(taskType).requiredInputs();
    }

    public List<String> requiredOutputs(String taskType) {
        return describe(taskType).requiredOutputs();
    }

    public boolean isDeterministic(String taskType) {
        return describe(taskType).deterministic();
    }

    public boolean isIdempotent(String taskType) {
        return describe(taskType).idempotent();
    }

    /** Names of the described task types, in configuration order. */
    public Set<String> taskTypes() {
        return byName.keySet();
    }
}
