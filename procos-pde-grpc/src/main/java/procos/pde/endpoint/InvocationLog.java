package procos.pde.endpoint;

import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.v1.InvokeRequest;

/**
 * The one event an endpoint logs per call, started with what every such event carries: the task's
 * correlation ids, the endpoint, the operation and the invocation. Endpoints add their own fields
 * (never inputs or outputs, which may hold personal data) and the outcome.
 */
public final class InvocationLog {

    private InvocationLog() {
    }

    public static LogEvent event(StructuredLogger logger, LogLevel level, String event, String endpointId,
                                 InvokeRequest request) {
        return logger.at(level, event)
                .correlationId(emptyToNull(request.getCorrelation().getCorrelationId()))
                .processInstanceId(emptyToNull(request.getCorrelation().getProcessInstanceId()))
                .peoId(emptyToNull(request.getCorrelation().getPeoId()))
                .with("endpoint", endpointId)
                .with("operation", request.getTaskType())
                .with("invocation_id", request.getInvocationId())
                .with("task_id", request.getTaskId());
    }

    /** Protobuf has no absent strings; an id the caller did not set must not override the thread's context. */
    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
