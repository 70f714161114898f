package procos.pde.conformance;

import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.CallExample;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Checks that calls the endpoint cannot accept are refused the way {@code EndpointService.Invoke}
 * documents ("Refusals"), since the PDE decides on retries and fallbacks by that answer.
 */
final class RefusalChecks {

    static final String UNKNOWN_TASK_TYPE_REFUSED = "unknown_task_type_refused";
    static final String UNKNOWN_OPERATION_REFUSED = "unknown_operation_refused";
    static final String MISSING_INPUT_REFUSED = "missing_input_refused";
    static final String TOKEN_REQUIRED = "token_required";

    static final String UNKNOWN_TASK_TYPE = "procos.conformance.no-such-task-type";
    static final String UNKNOWN_OPERATION = "procos-conformance-no-such-operation";

    private RefusalChecks() {
    }

    static CheckResult unknownTaskType(EndpointProbe probe, List<DescribedCall> calls) {
        Reply<InvokeResponse> reply = probe.invoke(unknownTaskTypeRequest(calls), InvocationChecks.QUICK_CALL_DEADLINE);
        return expectStatus(UNKNOWN_TASK_TYPE_REFUSED, "task type '" + UNKNOWN_TASK_TYPE + "'", reply, Status.Code.UNIMPLEMENTED);
    }

    /** An operation the first capability does not list, with that capability's example inputs if it has one. */
    static CheckResult unknownOperation(EndpointProbe probe, EndpointDescription description, List<DescribedCall> calls) {
        if (description.getCapabilitiesCount() == 0) {
            return CheckResult.skipped(UNKNOWN_OPERATION_REFUSED, "no capability to ask an unknown operation of");
        }
        Capability capability = description.getCapabilities(0);
        InvokeRequest request = calls.stream()
                .filter(call -> call.taskType().equals(capability.getTaskType()))
                .findFirst()
                .map(DescribedCall::request)
                .orElseGet(() -> unknownTaskTypeRequest(calls).toBuilder().setTaskType(capability.getTaskType()).build())
                .toBuilder().setOperation(UNKNOWN_OPERATION).build();
        Reply<InvokeResponse> reply = probe.invoke(request, InvocationChecks.QUICK_CALL_DEADLINE);
        return expectStatus(UNKNOWN_OPERATION_REFUSED,
                "operation '" + UNKNOWN_OPERATION + "' of task type '" + capability.getTaskType() + "'",
                reply, Status.Code.UNIMPLEMENTED);
    }

    /**
     * The first example with required inputs, without the first of them: refused with
     * INVALID_ARGUMENT, or in-band with INVALID_INPUT, not retryable, either way naming the input.
     */
    static CheckResult missingInput(EndpointProbe probe, List<DescribedCall> calls) {
        Optional<DescribedCall> call = calls.stream()
                .filter(candidate -> candidate.example().getRequiredInputsCount() > 0)
                .findFirst();
        if (call.isEmpty()) {
            return CheckResult.skipped(MISSING_INPUT_REFUSED,
                    "no call example names required_inputs, so no input is known to be required");
        }
        String input = call.get().example().getRequiredInputs(0);
        InvokeRequest request = call.get().request();
        request = request.toBuilder().setInputs(request.getInputs().toBuilder().removeFields(input)).build();
        Reply<InvokeResponse> reply = probe.invoke(request, InvocationChecks.QUICK_CALL_DEADLINE);
        String what = call.get().label() + " without input '" + input + "'";
        if (reply.code() == Status.Code.INVALID_ARGUMENT) {
            return namesInput(what, reply.status().getDescription(), input, reply.describeStatus());
        }
        if (reply.ok() && reply.message().hasError()) {
            ErrorDetail error = reply.message().getError();
            if (error.getCode().equals(InvokeInputs.INVALID_INPUT) && !error.getRetryable()) {
                return namesInput(what, error.getMessage(), input, "error INVALID_INPUT (\"" + error.getMessage() + "\")");
            }
            return CheckResult.fail(MISSING_INPUT_REFUSED, what + " answered error " + error.getCode()
                    + (error.getRetryable() ? " marked retryable" : "") + "; expected status INVALID_ARGUMENT"
                    + " or a non-retryable error INVALID_INPUT naming the input");
        }
        return CheckResult.fail(MISSING_INPUT_REFUSED, what + " answered " + (reply.ok() ? "OK without an error" : reply.describeStatus())
                + "; expected status INVALID_ARGUMENT naming the input");
    }

    /** With a token configured, a call without it is refused before anything else is looked at. */
    static CheckResult tokenRequired(EndpointProbe probe, List<DescribedCall> calls) {
        if (!probe.sendsToken()) {
            return CheckResult.skipped(TOKEN_REQUIRED, "no token given (--token), so the endpoint is not expected to demand one");
        }
        Reply<InvokeResponse> reply = probe.invokeWithoutToken(unknownTaskTypeRequest(calls), InvocationChecks.QUICK_CALL_DEADLINE);
        return expectStatus(TOKEN_REQUIRED, "a call without the bearer token", reply, Status.Code.UNAUTHENTICATED);
    }

    private static CheckResult namesInput(String what, String message, String input, String answer) {
        if (message == null || !message.contains(input)) {
            return CheckResult.fail(MISSING_INPUT_REFUSED, what + " answered " + answer
                    + ", which does not name the input; the caller cannot tell what to fix");
        }
        return CheckResult.pass(MISSING_INPUT_REFUSED, what + " answered " + answer);
    }

    private static CheckResult expectStatus(String check, String what, Reply<InvokeResponse> reply, Status.Code expected) {
        if (reply.code() == expected) {
            return CheckResult.pass(check, what + " answered " + reply.describeStatus());
        }
        String answer = reply.ok()
                ? (reply.message().hasError() ? "OK with error " + reply.message().getError().getCode() : "OK")
                : reply.describeStatus();
        return CheckResult.fail(check, what + " answered " + answer + "; expected " + expected);
    }

    /** A request no endpoint offers, shaped like the endpoint's own examples so that only the task type is wrong. */
    private static InvokeRequest unknownTaskTypeRequest(List<DescribedCall> calls) {
        InvokeRequest base = calls.isEmpty()
                ? new DescribedCall(UNKNOWN_TASK_TYPE, CallExample.getDefaultInstance()).request()
                : calls.get(0).request();
        return base.toBuilder().setTaskType(UNKNOWN_TASK_TYPE).setOperation("").build();
    }
}
