package procos.pde.grpc;

import procos.pde.pipeline.InvalidTaskException;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * The results {@code ExecuteStream} produces itself when a task cannot run, so that one bad task
 * becomes that task's answer instead of failing the whole stream (the contract's error model).
 */
final class TaskResults {

    private TaskResults() {
    }

    static TaskResult invalid(String taskId, InvalidTaskException e) {
        return failure(taskId, TaskStatus.REJECTED, "INVALID_ARGUMENT", e.getMessage(), false);
    }

    static TaskResult overloaded(String taskId) {
        return failure(taskId, TaskStatus.REJECTED, "OVERLOADED", "the PDE has too many tasks in flight", true);
    }

    static TaskResult deadlineExpired(String taskId) {
        return failure(taskId, TaskStatus.TIMED_OUT, "DEADLINE_EXCEEDED", "the task deadline expired before it started", false);
    }

    /** Deliberately vague: the cause goes to the log, not to the caller. */
    static TaskResult internalError(String taskId) {
        return failure(taskId, TaskStatus.FAILED, "INTERNAL", "internal error while executing the task", false);
    }

    /** Results are matched to requests by task id, so an executor that forgot it gets it filled in. */
    static TaskResult withTaskId(TaskResult result, String taskId) {
        return result.getTaskId().isEmpty() ? result.toBuilder().setTaskId(taskId).build() : result;
    }

    private static TaskResult failure(String taskId, TaskStatus status, String code, String message, boolean retryable) {
        return TaskResult.newBuilder()
                .setTaskId(taskId)
                .setStatus(status)
                .setError(ErrorDetail.newBuilder().setCode(code).setMessage(message).setRetryable(retryable))
                .build();
    }
}
