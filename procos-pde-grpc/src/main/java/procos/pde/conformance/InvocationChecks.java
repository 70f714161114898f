package procos.pde.conformance;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import procos.pde.grpc.CorrelationIdInterceptor;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/** Checks that the endpoint does what it describes: its quick call examples succeed, traced or not. */
final class InvocationChecks {

    static final String EXAMPLES_SUCCEED = "examples_succeed";
    static final String CORRELATION_HEADER_ACCEPTED = "correlation_header_accepted";

    /** Deadline for a quick example: generous, since "quick" is the endpoint's word, not a promise. */
    static final Duration QUICK_CALL_DEADLINE = Duration.ofSeconds(10);

    private InvocationChecks() {
    }

    /** Every quick example answers OK, without an error, with the outputs it says it returns. */
    static CheckResult examplesSucceed(EndpointProbe probe, List<DescribedCall> calls) {
        List<DescribedCall> quick = calls.stream().filter(call -> !call.slow()).toList();
        if (quick.isEmpty()) {
            return CheckResult.skipped(EXAMPLES_SUCCEED, "no capability publishes a quick call example"
                    + " (Capability.examples without an expected_duration of " + DescribedCall.SLOW.toSeconds()
                    + " s or more), so there is nothing to invoke without knowing the endpoint");
        }
        List<String> problems = new ArrayList<>();
        for (DescribedCall call : quick) {
            Reply<InvokeResponse> reply = probe.invoke(call.request(), QUICK_CALL_DEADLINE);
            problemWith(call, reply).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(EXAMPLES_SUCCEED, String.join("; ", problems));
        }
        return CheckResult.pass(EXAMPLES_SUCCEED, quick.size() + " examples answered with their expected outputs ("
                + String.join(", ", quick.stream().map(DescribedCall::label).toList()) + ")");
    }

    /** A call carrying an {@code x-correlation-id} header and filled correlation ids is served like any other. */
    static CheckResult correlationHeaderAccepted(EndpointProbe probe, List<DescribedCall> calls) {
        Optional<DescribedCall> quick = calls.stream().filter(call -> !call.slow()).findFirst();
        if (quick.isEmpty()) {
            return CheckResult.skipped(CORRELATION_HEADER_ACCEPTED, "no quick call example to send it with");
        }
        String correlationId = "conformance-" + UUID.randomUUID();
        Metadata headers = new Metadata();
        headers.put(CorrelationIdInterceptor.HEADER, correlationId);
        InvokeRequest request = quick.get().request().toBuilder()
                .setCorrelation(quick.get().request().getCorrelation().toBuilder()
                        .setCorrelationId(correlationId)
                        .setProcessInstanceId("conformance-process")
                        .setActivityId("conformance-activity"))
                .build();
        Reply<InvokeResponse> reply = probe.invoke(request, QUICK_CALL_DEADLINE, headers);
        return problemWith(quick.get(), reply)
                .map(problem -> CheckResult.fail(CORRELATION_HEADER_ACCEPTED, "with x-correlation-id " + correlationId
                        + ": " + problem))
                .orElseGet(() -> CheckResult.pass(CORRELATION_HEADER_ACCEPTED, quick.get().label()
                        + " served with x-correlation-id " + correlationId));
    }

    private static Optional<String> problemWith(DescribedCall call, Reply<InvokeResponse> reply) {
        if (!reply.ok()) {
            return Optional.of(call.label() + " failed with " + reply.describeStatus());
        }
        InvokeResponse response = reply.message();
        if (response.hasError()) {
            return Optional.of(call.label() + " answered error " + response.getError().getCode()
                    + " (\"" + response.getError().getMessage() + "\")");
        }
        return outputMismatch(call.example().getExpectedOutputs(), response.getOutputs())
                .map(mismatch -> call.label() + ": " + mismatch);
    }

    private static Optional<String> outputMismatch(Struct expected, Struct actual) {
        for (Map.Entry<String, Value> field : expected.getFieldsMap().entrySet()) {
            Value got = actual.getFieldsMap().get(field.getKey());
            if (got == null) {
                return Optional.of("output '" + field.getKey() + "' is missing");
            }
            if (!got.equals(field.getValue())) {
                return Optional.of("output '" + field.getKey() + "' is " + JsonText.of(got)
                        + ", the example says " + JsonText.of(field.getValue()));
            }
        }
        return Optional.empty();
    }
}
