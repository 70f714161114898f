package procos.pde.meta;

import com.google.protobuf.Struct;
import java.util.List;
import java.util.Objects;

/**
 * One sub-task of a meta task, as listed in its {@code subtasks} input or proposed by a decomposer.
 *
 * @param id        unique within the list; becomes the sub-task's task_id and its key in the outputs
 * @param type      the task type a PDE runs it as
 * @param inputs    the sub-task's own inputs
 * @param dependsOn ids of sub-tasks that must have succeeded before this one starts
 */
record SubTask(String id, String type, Struct inputs, List<String> dependsOn) {

    SubTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(inputs, "inputs");
        dependsOn = List.copyOf(dependsOn);
    }
}
