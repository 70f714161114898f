package procos.pde.meta;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.InputProblem;
import procos.pde.endpoint.subpde.SubPdeEndpoint;
import procos.pde.pipeline.EndpointCall;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PoolConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.PdeType;
import procos.pde.v1.TaskStatus;

/**
 * The meta PDE's work, as the one endpoint of the meta pool's task types: it decomposes the task
 * into sub-tasks — the {@code subtasks} input ({@link SubTaskPlan}), else a proposal of the
 * {@value Decomposer#TASK_TYPE} endpoint ({@link Decomposer}) — runs them on the pool's {@code pde}
 * endpoints in parallel ({@link SubTaskRun}) and combines their outputs ({@link MetaResponse}).
 * Being an endpoint, a meta task passes the same pipeline as any other: Start fixes its deadline,
 * Test refuses a malformed sub-task list as INVALID_ARGUMENT through {@link #checkInputs}, Gateway
 * routes to it, Validate checks the combined outputs, Complete reports the sub-task tree.
 */
public final class MetaEndpoint implements Endpoint {

    /** Id of the meta pool's composer in the registry. */
    public static final String ID = "meta";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.meta");

    private final EndpointDescription description;
    private final SubPdes pdes;
    private final Decomposer decomposer;

    /**
     * @param taskTypes the meta task types it runs (the meta pool's {@code task_types})
     * @param pdes      where sub-tasks go, in preference order
     * @param endpoints where a {@value Decomposer#TASK_TYPE} endpoint is looked up
     */
    public MetaEndpoint(List<String> taskTypes, List<SubPdeEndpoint> pdes, EndpointRegistry endpoints) {
        EndpointDescription.Builder description = EndpointDescription.newBuilder().setEndpointId(ID)
                .setKind(EndpointKind.FUNCTION).setDescription("runs sub-tasks on other PDEs in parallel and combines them");
        taskTypes.forEach(type -> description.addCapabilities(Capability.newBuilder().setTaskType(type).addModes(Mode.DETERMINISTIC)));
        this.description = description.build();
        this.pdes = new SubPdes(pdes);
        this.decomposer = new Decomposer(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /**
     * The meta endpoint of {@code config}'s meta pool, if it has one with task types: its sub-PDEs
     * are the pool's endpoints of kind {@code pde}, already built in {@code registry}.
     */
    public static Optional<MetaEndpoint> forConfig(PdeManagerConfig config, EndpointRegistry registry) {
        Optional<PoolConfig> pool = config.pools().stream().filter(p -> p.type() == PdeType.META).findFirst();
        if (pool.isEmpty() || pool.get().taskTypes().isEmpty()) {
            return Optional.empty();
        }
        List<SubPdeEndpoint> pdes = new ArrayList<>();
        for (String id : pool.get().endpoints()) {
            registry.get(id).filter(SubPdeEndpoint.class::isInstance).map(SubPdeEndpoint.class::cast).ifPresent(pdes::add);
        }
        return Optional.of(new MetaEndpoint(pool.get().taskTypes(), pdes, registry));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EndpointDescription describe() {
        return description;
    }

    /** Always HEALTHY: whether a sub-task's PDE can be reached is that sub-task's outcome. */
    @Override
    public EndpointHealth health() {
        return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
    }

    /**
     * Refuses a malformed {@code subtasks} list or meta option, and a task without a list when no
     * endpoint could propose one, naming the input.
     */
    @Override
    public Optional<InputProblem> checkInputs(String taskType, Struct inputs) {
        try {
            MetaOptions.from(inputs);
            Value list = inputs.getFieldsMap().get(SubTaskPlan.INPUT);
            if (list != null && !list.hasNullValue()) {
                SubTaskPlan.parse(list);
            } else if (decomposer.endpoint().isEmpty()) {
                return Optional.of(new InputProblem(SubTaskPlan.INPUT, "is required: give the sub-tasks as a JSON array of "
                        + "{id, type, inputs, depends_on}, or configure an endpoint advertising " + Decomposer.TASK_TYPE));
            }
            return Optional.empty();
        } catch (PlanException e) {
            return Optional.of(new InputProblem(e.path(), e.reason()));
        }
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        MetaOptions options;
        SubTaskPlan plan;
        try {
            options = MetaOptions.from(request.getInputs());
            Value list = request.getInputs().getFieldsMap().get(SubTaskPlan.INPUT);
            plan = list != null && !list.hasNullValue() ? SubTaskPlan.parse(list) : decomposer.propose(request, deadline);
        } catch (PlanException e) {
            throw new EndpointException("INVALID_INPUT", "input " + e.getMessage(), false);
        }
        SubTaskOutcome outcome;
        try {
            outcome = new SubTaskRun(request, plan, options, pdes, deadline).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(EndpointCall.CANCELLED, "meta task cancelled; its running sub-tasks were cancelled", false);
        }
        InvokeResponse response = MetaResponse.of(outcome, options);
        LOG.info("meta_task_finished").correlationId(emptyToNull(request.getCorrelation().getCorrelationId()))
                .with("task_id", request.getTaskId()).with("sub_tasks", plan.subTasks().size())
                .with("succeeded", outcome.tree().stream().filter(r -> r.getStatus() == TaskStatus.SUCCEEDED).count())
                .with("policy", options.failurePolicy().name()).with("error", response.getError().getCode())
                .durationSince(started).log();
        return response;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
