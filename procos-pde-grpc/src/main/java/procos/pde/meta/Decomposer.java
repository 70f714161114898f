package procos.pde.meta;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.util.Optional;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Asks an endpoint advertising {@value #TASK_TYPE} (typically an LLM) to split a meta task that
 * came without a sub-task list. The endpoint gets the inputs {@code task_type} and {@code inputs}
 * (the meta task's) and answers with {@code subtasks}: the same JSON array a caller would give,
 * as a list or as a string. The answer is checked exactly like a caller's list; a bad proposal
 * fails the attempt as retryable {@value #INVALID_PROPOSAL}, since asking again may give a good one.
 * The endpoint is looked up at each task, so one registered while running is used.
 */
final class Decomposer {

    /** The capability a decomposing endpoint advertises. */
    static final String TASK_TYPE = "meta.decompose";
    static final String INVALID_PROPOSAL = "INVALID_DECOMPOSITION";

    private final EndpointRegistry endpoints;

    Decomposer(EndpointRegistry endpoints) {
        this.endpoints = endpoints;
    }

    /** The endpoint that would be asked, if any. */
    Optional<Endpoint> endpoint() {
        return endpoints.capableOf(TASK_TYPE).stream().findFirst();
    }

    /** @throws EndpointException when no endpoint can decompose, it fails, or it proposes an invalid list */
    SubTaskPlan propose(InvokeRequest task, Deadline deadline) throws EndpointException {
        Endpoint endpoint = endpoint().orElseThrow(() -> new EndpointException("NO_DECOMPOSER",
                "no sub-task list given and no endpoint advertises " + TASK_TYPE, false));
        InvokeRequest request = task.toBuilder()
                .setInvocationId(task.getInvocationId() + "/decompose")
                .setTaskType(TASK_TYPE)
                .setOperation("")
                .setInputs(Struct.newBuilder()
                        .putFields("task_type", Value.newBuilder().setStringValue(task.getTaskType()).build())
                        .putFields("inputs", Value.newBuilder().setStructValue(task.getInputs()).build()))
                .build();
        InvokeResponse answer = endpoint.invoke(request, deadline);
        if (!answer.getError().getCode().isEmpty()) {
            throw new EndpointException(answer.getError().getCode(), "decomposer " + endpoint.id() + ": "
                    + answer.getError().getMessage(), answer.getError().getRetryable());
        }
        Value proposed = answer.getOutputs().getFieldsMap().get(SubTaskPlan.INPUT);
        if (proposed == null) {
            throw new EndpointException(INVALID_PROPOSAL, "decomposer " + endpoint.id() + " answered without output '"
                    + SubTaskPlan.INPUT + "'", true);
        }
        try {
            return SubTaskPlan.parse(proposed);
        } catch (PlanException e) {
            throw new EndpointException(INVALID_PROPOSAL, "decomposer " + endpoint.id() + " proposed invalid sub-tasks: "
                    + e.getMessage(), true);
        }
    }
}
