package procos.pde.conformance;

import java.util.ArrayList;
import java.util.List;
import procos.pde.v1.CallExample;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/** Checks of what the endpoint says about itself: {@code Health} and {@code Describe}. */
final class DescriptionChecks {

    static final String HEALTH = "health";
    static final String DESCRIBE = "describe";
    static final String HEALTHY_AFTERWARDS = "healthy_afterwards";

    private DescriptionChecks() {
    }

    /** Health answers, in a state that takes work, and says when it was determined. */
    static CheckResult health(Reply<EndpointHealth> reply) {
        return judgeHealth(HEALTH, reply);
    }

    /** After every other check (a cut-off call included) the endpoint still takes work and runs nothing. */
    static CheckResult healthyAfterwards(Reply<EndpointHealth> reply, int inFlightBefore) {
        CheckResult health = judgeHealth(HEALTHY_AFTERWARDS, reply);
        if (health.failed() || reply.message().getInFlight() <= inFlightBefore) {
            return health;
        }
        return CheckResult.fail(HEALTHY_AFTERWARDS, "in_flight is " + reply.message().getInFlight()
                + " after every call has ended (it was " + inFlightBefore + " before): calls are still running");
    }

    private static CheckResult judgeHealth(String check, Reply<EndpointHealth> reply) {
        if (!reply.ok()) {
            return CheckResult.fail(check, "Health failed with " + reply.describeStatus());
        }
        EndpointHealth health = reply.message();
        HealthState state = health.getState();
        if (state != HealthState.HEALTHY && state != HealthState.DEGRADED) {
            return CheckResult.fail(check, "state is " + state + (health.getMessage().isEmpty() ? "" : " (\""
                    + health.getMessage() + "\")") + "; an endpoint that can take work answers HEALTHY or DEGRADED");
        }
        if (!health.hasCheckedAt()) {
            return CheckResult.fail(check, "checked_at is not set; the endpoint must say when its state was determined");
        }
        return CheckResult.pass(check, state + ", in_flight " + health.getInFlight()
                + (health.getMessage().isEmpty() ? "" : " (\"" + health.getMessage() + "\")"));
    }

    /** Describe answers with an id and at least one capability, and its call examples are consistent. */
    static CheckResult describe(Reply<EndpointDescription> reply) {
        if (!reply.ok()) {
            return CheckResult.fail(DESCRIBE, "Describe failed with " + reply.describeStatus());
        }
        EndpointDescription description = reply.message();
        List<String> problems = new ArrayList<>();
        if (description.getEndpointId().isBlank()) {
            problems.add("endpoint_id is empty");
        }
        if (description.getCapabilitiesCount() == 0) {
            problems.add("no capabilities, so no task is ever routed to it");
        }
        for (int i = 0; i < description.getCapabilitiesCount(); i++) {
            problems.addAll(capabilityProblems("capabilities[" + i + "]", description.getCapabilities(i)));
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(DESCRIBE, String.join("; ", problems));
        }
        int examples = DescribedCall.allOf(description).size();
        return CheckResult.pass(DESCRIBE, "endpoint " + description.getEndpointId()
                + (description.getVersion().isEmpty() ? "" : " " + description.getVersion()) + ", "
                + description.getCapabilitiesCount() + " capabilities ("
                + String.join(", ", description.getCapabilitiesList().stream().map(Capability::getTaskType).toList())
                + "), " + examples + " call examples");
    }

    private static List<String> capabilityProblems(String at, Capability capability) {
        List<String> problems = new ArrayList<>();
        if (capability.getTaskType().isBlank()) {
            problems.add(at + ".task_type is empty");
        }
        for (int i = 0; i < capability.getExamplesCount(); i++) {
            CallExample example = capability.getExamples(i);
            String exampleAt = at + ".examples[" + i + "]";
            if (!example.getOperation().isEmpty() && !capability.getOperationsList().contains(example.getOperation())) {
                problems.add(exampleAt + ".operation '" + example.getOperation() + "' is not one of the capability's operations "
                        + capability.getOperationsList());
            }
            for (String required : example.getRequiredInputsList()) {
                if (!example.getInputs().containsFields(required)) {
                    problems.add(exampleAt + ".required_inputs names '" + required + "', which its inputs do not have");
                }
            }
        }
        return problems;
    }
}
