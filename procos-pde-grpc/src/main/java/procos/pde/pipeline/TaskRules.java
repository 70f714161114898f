package procos.pde.pipeline;

import java.util.List;
import java.util.Set;

/**
 * What the pipeline must know about a task type to check it: the inputs it needs, the outputs a
 * valid answer has, whether the same inputs always give the same answer (so it may be cached).
 */
public interface TaskRules {

    Set<String> requiredInputs(String taskType);

    Set<String> requiredOutputs(String taskType);

    /** Deterministic and idempotent: a result for the same inputs may be served from the cache. */
    boolean cacheable(String taskType);

    /** Endpoint ids in priority order for the task type; empty means "any capable endpoint". */
    List<String> routing(String taskType);

    /** No rules: every task type accepted, nothing cached, routing by capability only. */
    TaskRules NONE = new TaskRules() {
        @Override
        public Set<String> requiredInputs(String taskType) {
            return Set.of();
        }

        @Override
        public Set<String> requiredOutputs(String taskType) {
            return Set.of();
        }

        @Override
        public boolean cacheable(String taskType) {
            return false;
        }

        @Override
        public List<String> routing(String taskType) {
            return List.of();
        }
    };
}
