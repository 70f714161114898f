package procos.pde.endpoint.subpde;

import procos.pde.endpoint.EndpointException;
import procos.pde.grpc.PdeCallException;
import procos.pde.pipeline.EndpointCall;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * What another PDE's answer means to the PDE that sent it the task, in the endpoint SPI's terms: a
 * result with outputs (succeeded, or a BPMN error for the process to catch) is the endpoint's
 * response; any other status, and a call that produced no result, is an {@link EndpointException}
 * that is retryable exactly when the child said so (in its error) or the gRPC status says so
 * ({@code RetryableStatus}).
 */
final class ChildOutcomes {

    private ChildOutcomes() {
    }

    /** @throws EndpointException when the child PDE did not succeed and reported no BPMN error */
    static InvokeResponse response(String endpointId, TaskResult result) throws EndpointException {
        InvokeResponse.Builder response = InvokeResponse.newBuilder()
                .setOutputs(result.getOutputs())
                .addAllFindings(result.getFindingsList())
                .addAllSubResults(result.getSubResultsList());
        if (result.getStatus() == TaskStatus.SUCCEEDED) {
            return response.setConfidence(result.getConfidence()).build();
        }
        if (result.getStatus() == TaskStatus.BPMN_ERROR) {
            return response.setError(result.getError()).build();
        }
        String code = result.getError().getCode().isEmpty() ? result.getStatus().name() : result.getError().getCode();
        throw new EndpointException(code, "PDE " + pdeName(endpointId, result) + " answered " + result.getStatus()
                + (result.getError().getMessage().isEmpty() ? "" : ": " + result.getError().getMessage()),
                result.getError().getRetryable());
    }

    /** A call that produced no result; the code is the gRPC status name. */
    static EndpointException callFailed(String endpointId, PdeCallException e) {
        return new EndpointException(e.code().name(), "pde endpoint " + endpointId + ": " + e.getMessage(), e.retryable(), e);
    }

    static EndpointException cancelled(String endpointId) {
        return new EndpointException(EndpointCall.CANCELLED, "task cancelled while PDE behind " + endpointId + " ran it", false);
    }

    private static String pdeName(String endpointId, TaskResult result) {
        return result.getPdeId().isEmpty() ? "behind " + endpointId : "'" + result.getPdeId() + "' (via " + endpointId + ")";
    }
}
