package procos.pde.pool;

import java.util.List;
import java.util.Objects;

/**
 * What the platform knows about one task type ({@code pde_manager.task_types[i]}), used by the
 * pipeline to reject incomplete requests and results, to decide whether a result may be cached and
 * whether a failed attempt may simply be repeated.
 *
 * @param name            the task type, as in {@code TaskSpec.task_type}
 * @param requiredInputs  input keys a request must carry
 * @param requiredOutputs output keys a successful result must carry
 * @param deterministic   same inputs always give the same outputs, so results may be cached
 *                        (default {@code false})
 * @param idempotent      running it twice has the effect of running it once, so it may be retried
 *                        without an idempotency key (default {@code false})
 */
public record TaskTypeConfig(String name, List<String> requiredInputs, List<String> requiredOutputs,
                             boolean deterministic, boolean idempotent) {

    public TaskTypeConfig {
        Objects.requireNonNull(name, "name");
        requiredInputs = List.copyOf(requiredInputs);
        requiredOutputs = List.copyOf(requiredOutputs);
    }

    /** What is assumed of a task type the catalog does not describe: nothing required, nothing promised. */
    public static TaskTypeConfig undescribed(String name) {
        return new TaskTypeConfig(name, List.of(), List.of(), false, false);
    }
}
