package procos.pde.meta;

import procos.pde.v1.ErrorDetail;
import procos.pde.v1.FailurePolicy;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Severity;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * The meta task's answer from how its sub-tasks ended, always carrying the sub-task tree:
 *
 * <ul>
 *   <li>deadline passed: error {@code DEADLINE_EXCEEDED} (the task ends TIMED_OUT);
 *   <li>{@code fail_fast} with a failure: that sub-task's error, its message prefixed with the
 *       sub-task's id — so a BPMN error of a sub-task stays a BPMN error of the meta task;
 *   <li>{@code best_effort}: succeeded with the combined outputs of what succeeded and one WARNING
 *       finding ({@value #FAILED_RULE}) per sub-task that did not; {@code ALL_SUB_TASKS_FAILED} if
 *       none succeeded;
 *   <li>otherwise the combined outputs; a {@code merge} conflict is {@code MERGE_CONFLICT}.
 * </ul>
 *
 * Errors after sub-tasks ran are not retryable: the pipeline would otherwise run the whole
 * composition again, repeating the sub-tasks that had succeeded. Each child PDE has already
 * retried its own endpoint calls.
 */
final class MetaResponse {

    static final String FAILED_RULE = "meta.sub_task_failed";

    private MetaResponse() {
    }

    static InvokeResponse of(SubTaskOutcome outcome, MetaOptions options) {
        InvokeResponse.Builder response = InvokeResponse.newBuilder().addAllSubResults(outcome.tree());
        if (outcome.timedOut()) {
            return response.setError(error("DEADLINE_EXCEEDED", "sub-tasks were still running at the deadline: "
                    + idsWith(outcome, TaskStatus.TIMED_OUT), true)).build();
        }
        TaskResult failure = outcome.firstFailure();
        if (failure != null && options.failurePolicy() != FailurePolicy.BEST_EFFORT) {
            return response.setError(failure.getError().toBuilder().setRetryable(false)
                    .setMessage("sub-task '" + failure.getTaskId() + "' ended " + failure.getStatus() + ": "
                            + failure.getError().getMessage())).build();
        }
        if (outcome.outputs().isEmpty()) {
            return response.setError(error("ALL_SUB_TASKS_FAILED", "no sub-task succeeded; see sub_results", false)).build();
        }
        Combination.Result combined = options.combination().combine(outcome.outputs());
        if (combined.conflict() != null) {
            Combination.Conflict conflict = combined.conflict();
            return response.setError(error("MERGE_CONFLICT", "sub-tasks '" + conflict.firstId() + "' and '" + conflict.secondId()
                    + "' both give output '" + conflict.field() + "', with different values; use combine: collect", false)).build();
        }
        response.setOutputs(combined.outputs());
        for (TaskResult entry : outcome.tree()) {
            if (entry.getStatus() != TaskStatus.SUCCEEDED) {
                response.addFindings(Finding.newBuilder().setRule(FAILED_RULE).setSeverity(Severity.WARNING)
                        .setFieldPath(entry.getTaskId())
                        .setMessage("sub-task '" + entry.getTaskId() + "' ended " + entry.getStatus() + ": "
                                + entry.getError().getCode() + " " + entry.getError().getMessage()));
            }
        }
        return response.build();
    }

    private static String idsWith(SubTaskOutcome outcome, TaskStatus status) {
        return String.join(", ", outcome.tree().stream().filter(entry -> entry.getStatus() == status)
                .map(TaskResult::getTaskId).toList());
    }

    private static ErrorDetail error(String code, String message, boolean retryable) {
        return ErrorDetail.newBuilder().setCode(code).setMessage(message).setRetryable(retryable).build();
    }
}
