package procos.pde.pipeline;

import java.util.List;
import procos.logging.StructuredLogger;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * Complete: packages the outcome into the task's result, stores it in the result cache when the
 * task type allows, tells the listeners (metrics, learner), and logs the one line an operator reads
 * per task.
 */
public final class CompleteBlock {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.complete");

    private final TaskRules rules;
    private final ResultCache cache;
    private final List<TaskListener> listeners;

    public CompleteBlock(TaskRules rules, ResultCache cache, List<TaskListener> listeners) {
        this.rules = rules;
        this.cache = cache;
        this.listeners = List.copyOf(listeners);
    }

    public TaskResult complete(TaskContext context, Outcome outcome) {
        TaskResult.Builder result = TaskResult.newBuilder()
                .setTaskId(context.taskId())
                .setTaskType(context.taskType())
                .setStatus(outcome.status())
                .setOutputs(outcome.outputs())
                .setConfidence(outcome.confidence())
                .setElapsedMs(context.elapsedMs())
                .setEndpointId(outcome.endpointId())
                .addAllAttempts(outcome.attempts())
                .addAllIterations(outcome.iterations())
                .addAllFindings(outcome.findings())
                .addAllSubResults(outcome.subResults())
                .setPdeId(context.pdeId());
        if (outcome.error() != null) {
            result.setError(outcome.error());
        }
        TaskResult done = result.build();
        if (done.getStatus() == TaskStatus.SUCCEEDED && storable(context)) {
            // Also after bypass_cache: the fresh result replaces the cached one.
            cache.put(context.spec(), done);
        }
        return report(context, done);
    }

    /** A cached result, re-stamped for this task; it made no endpoint calls, so it has no attempts. */
    public TaskResult completeFromCache(TaskContext context, TaskResult cached) {
        return report(context, cached.toBuilder().setTaskId(context.taskId()).setCached(true).clearAttempts()
                .setElapsedMs(context.elapsedMs()).setPdeId(context.pdeId()).build());
    }

    /** Whether the task may be answered from the cache. */
    public boolean cacheable(TaskContext context) {
        return storable(context) && !context.spec().getCache().getBypassCache();
    }

    /**
     * Whether the task's result may be stored: its type is cacheable, and it ran deterministically or
     * the caller gave an explicit cache key (a repeated probabilistic run may give a better answer).
     */
    private boolean storable(TaskContext context) {
        return rules.cacheable(context.taskType())
                && (context.mode() == Mode.DETERMINISTIC || !context.spec().getCache().getCacheKey().isEmpty());
    }

    private TaskResult report(TaskContext context, TaskResult result) {
        for (TaskListener listener : listeners) {
            try {
                listener.finished(context, result);
            } catch (RuntimeException e) {
                LOG.warn("task_listener_failed").with("listener", listener.getClass().getName()).error(e).log();
            }
        }
        LOG.info("task_finished").pdeId(context.pdeId())
                .correlationId(context.spec().getCorrelation().getCorrelationId())
                .processInstanceId(context.spec().getCorrelation().getProcessInstanceId())
                .peoId(context.spec().getCorrelation().getPeoId())
                .with("task_id", context.taskId()).with("task_type", context.taskType())
                .with("status", result.getStatus().name()).with("endpoint", result.getEndpointId())
                .with("attempts", result.getAttemptsCount()).with("cached", result.getCached())
                .durationMs(result.getElapsedMs()).log();
        return result;
    }
}
