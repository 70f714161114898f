package procos.das.endpoint;

import com.google.protobuf.Struct;
import io.grpc.Deadline;
import java.util.function.Supplier;
import procos.das.generation.pipeline.ApprovalLookup;
import procos.das.generation.pipeline.GenerationSteps;
import procos.das.generation.pipeline.StepOutputs;
import procos.das.generation.store.UnknownGenerationException;
import procos.logging.StructuredLogger;
import procos.pde.dispatch.TaskVariables;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.HealthReports;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Process generation as a PDE endpoint, one task type per step of {@code process_generation}; every
 * task carries the request's {@code generation_id}. An unknown id fails the task for good (an
 * incident: the request was never submitted through the ProcOS API); anything else that goes wrong
 * inside a step fails it retryably, so the engine retries it and raises an incident when retries
 * run out — a request is never lost.
 */
public final class GenerationEndpoint implements Endpoint {

    public static final String ID = "das-generation";
    public static final String NORMALIZE = "das.generation.normalize";
    public static final String CONTEXT = "das.generation.context";
    public static final String DRAFT = "das.generation.draft";
    public static final String VALIDATE = "das.generation.validate";
    public static final String POLICY = "das.generation.policy";
    public static final String DEPLOY = "das.generation.deploy";
    public static final String REJECT = "das.generation.reject";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.generation");

    private final Supplier<GenerationSteps> steps;
    private final Supplier<ApprovalLookup> approvals;

    public GenerationEndpoint(Supplier<GenerationSteps> steps, Supplier<ApprovalLookup> approvals) {
        this.steps = steps;
        this.approvals = approvals;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EndpointDescription describe() {
        return FunctionEndpoints.describe(ID, "DAS process generation: normalize an intent, assemble context, draft, validate, "
                + "check the policy, deploy or record a rejection.", NORMALIZE, CONTEXT, DRAFT, VALIDATE, POLICY, DEPLOY, REJECT);
    }

    @Override
    public EndpointHealth health() {
        return HealthReports.healthy();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        String id = InvokeInputs.of(request.getInputs()).requiredString("generation_id");
        try {
            GenerationSteps pipeline = steps.get();
            StepOutputs outputs = switch (request.getTaskType()) {
                case NORMALIZE -> pipeline.normalize(id);
                case CONTEXT -> pipeline.assembleContext(id);
                case DRAFT -> pipeline.draft(id);
                case VALIDATE -> pipeline.validate(id);
                case POLICY -> pipeline.checkPolicy(id);
                case DEPLOY -> pipeline.deploy(id, approvals.get().decision(id));
                case REJECT -> pipeline.recordRejection(id, approvals.get().decision(id));
                default -> throw new EndpointException("UNSUPPORTED_TASK_TYPE", ID + " does not run '" + request.getTaskType() + "'", false);
            };
            LOG.info("generation_step").with("generation_id", id).with("step", request.getTaskType())
                    .with("status", outputs.values().get("status")).durationSince(started).log();
            Struct struct = TaskVariables.toStruct(outputs.values());
            return InvokeResponse.newBuilder().setOutputs(struct).build();
        } catch (UnknownGenerationException e) {
            throw InvokeInputs.invalid("generation_id: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new EndpointException("GENERATION_STEP_FAILED", request.getTaskType() + " failed: " + e.getMessage(), true, e);
        }
    }
}
