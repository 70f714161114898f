package procos.pde.endpoint;

import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.v1.Correlation;
import procos.pde.v1.InvokeRequest;

/**
 * Starts the one log event an endpoint writes per call with the fields every endpoint shares
 * (correlation ids, endpoint, operation, invocation and task id), so that calls to different kinds
 * of endpoint can be followed and counted with the same query. The endpoint adds its own fields,
 * the outcome and the duration.
 */
public final class InvocationLog {

    private InvocationLog() {
    }

    public static LogEvent event(StructuredLogger log, LogLevel level, String event, String endpointId,
                                 InvokeRequest request) {
        Correlation correlation = request.getCorrelation();
        return log.at(level, event)
                .correlationId(emptyToNull(correlation.getCorrelationId()))
                .processInstanceId(emptyToNull(correlation.getProcessInstanceId()))
                .peoId(emptyToNull(correlation.getPeoId()))
                .with("endpoint", endpointId)
                .with("operation", request.getTaskType())
                .with("invocation_id", request.getInvocationId())
                .with("task_id", request.getTaskId());
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
