package procos.das.rag;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.UUID;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.HealthState;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * The language model behind grounded answers, reached through the PDEs: a task of type
 * {@value #TASK_TYPE} runs on whichever LLM endpoint the router picks, with its retries, fallbacks
 * and learning. Available when some registered endpoint can run that task type and does not report
 * itself unhealthy (an LLM endpoint without a configured model does).
 */
public final class PdeLanguageModel implements LanguageModel {

    public static final String TASK_TYPE = "llm.chat";

    private final EndpointRegistry endpoints;
    private final TaskExecutor pde;

    public PdeLanguageModel(EndpointRegistry endpoints, TaskExecutor pde) {
        this.endpoints = endpoints;
        this.pde = pde;
    }

    @Override
    public boolean available() {
        return endpoints.capableOf(TASK_TYPE).stream()
                .anyMatch(endpoint -> endpoint.health().getState() != HealthState.UNHEALTHY);
    }

    @Override
    public String complete(String system, String prompt) throws Exception {
        TaskSpec spec = TaskSpec.newBuilder().setTaskId("rag-" + UUID.randomUUID()).setTaskType(TASK_TYPE)
                .setInputs(Struct.newBuilder().putFields("system", text(system)).putFields("prompt", text(prompt)))
                .build();
        TaskResult result;
        try {
            result = pde.execute(TaskRequest.newBuilder().setSpec(spec).build());
        } catch (InvalidTaskException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (result.getStatus() != TaskStatus.SUCCEEDED) {
            throw new IllegalStateException(TASK_TYPE + " ended " + result.getStatus() + ": " + result.getError().getMessage());
        }
        return result.getOutputs().getFieldsOrDefault("text", Value.getDefaultInstance()).getStringValue();
    }

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
