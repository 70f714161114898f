package procos.pde.meta;

import com.google.protobuf.Struct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import procos.pde.v1.TaskResult;

/**
 * How a meta task's sub-tasks ended.
 *
 * @param tree         one entry per sub-task, in list order, without outputs
 * @param outputs      the outputs of the sub-tasks that succeeded, by id, in list order
 * @param firstFailure the first sub-task result that was not a success, or {@code null}
 * @param timedOut     whether the deadline passed with sub-tasks still running
 */
record SubTaskOutcome(List<TaskResult> tree, Map<String, Struct> outputs, TaskResult firstFailure, boolean timedOut) {

    SubTaskOutcome {
        tree = List.copyOf(tree);
        outputs = new LinkedHashMap<>(outputs);
    }
}
