package procos.pde.grpc;

import io.grpc.Status;
import procos.logging.LogContext;
import procos.logging.LogEvent;
import procos.logging.StructuredLogger;
import procos.pde.v1.Correlation;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;

/**
 * The log events of one task on the wire, shared by {@code Execute} and {@code ExecuteStream} so
 * both write the same fields: {@code task_received} when it arrives and {@code task_finished}
 * with the gRPC status, the task status and the duration when it leaves.
 */
final class TaskLogging {

    static final StructuredLogger LOG = StructuredLogger.forComponent("grpc");

    private TaskLogging() {
    }

    /**
     * Puts the task's correlation ids into {@link LogContext} until the scope is closed, so the
     * executor's own log lines carry them too. {@code headerCorrelationId} (from
     * {@link CorrelationIdInterceptor}) is used only when the spec has no correlation id.
     */
    static LogContext.Scope open(TaskSpec spec, String headerCorrelationId) {
        Correlation c = spec.getCorrelation();
        String correlationId = c.getCorrelationId().isEmpty() ? headerCorrelationId : c.getCorrelationId();
        return LogContext.with(LogContext.CORRELATION_ID, correlationId)
                .and(LogContext.PROCESS_INSTANCE_ID, emptyToNull(c.getProcessInstanceId()))
                .and(LogContext.PEO_ID, emptyToNull(c.getPeoId()))
                .open();
    }

    static void received(TaskSpec spec, String rpc) {
        LOG.debug("task_received")
                .with("rpc", rpc)
                .with("task_id", spec.getTaskId())
                .with("task_type", spec.getTaskType())
                .log();
    }

    /**
     * @param grpcStatus what the call ended with ({@code OK} also for in-band failures)
     * @param result the result sent, or {@code null} when none was
     * @param error the unexpected failure behind an {@code INTERNAL}, or {@code null}
     */
    static void finished(TaskSpec spec, String rpc, Status.Code grpcStatus, TaskResult result,
            long startNanos, Throwable error) {
        LogEvent event = (error != null ? LOG.error("task_finished") : LOG.info("task_finished"))
                .with("rpc", rpc)
                .with("task_id", spec.getTaskId())
                .with("task_type", spec.getTaskType())
                .with("grpc_status", grpcStatus.name());
        if (result != null) {
            event.with("task_status", result.getStatus().name()).pdeId(emptyToNull(result.getPdeId()));
            if (result.hasError()) {
                event.with("error_code", result.getError().getCode());
            }
        }
        event.durationSince(startNanos).error(error).log();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
