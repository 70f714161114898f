package procos.pde.pipeline;

import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * Runs one task to its outcome. The PDE pipeline is the implementation; the gRPC service and the
 * engine dispatcher only see this, so either can drive any executor (local pipeline, pool, remote node).
 */
public interface TaskExecutor {

    /**
     * Executes the task. Whatever happens to the task itself (endpoint failure, validation failure,
     * timeout) comes back as the result's status; only a request that cannot be a task at all throws.
     *
     * @throws InvalidTaskException when the request is malformed, naming the field at fault
     */
    TaskResult execute(TaskRequest request) throws InvalidTaskException;
}
