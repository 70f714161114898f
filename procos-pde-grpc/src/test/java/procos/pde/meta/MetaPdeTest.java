package procos.pde.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.subpde.SubPdeEndpoint;
import procos.pde.grpc.InProcessPde;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.grpc.PdeServerOptions;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.Pipeline;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.v1.Capability;
import procos.pde.v1.Constraints;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.Severity;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * A meta PDE (pipeline with the meta endpoint) whose sub-tasks run over gRPC on an in-process child
 * PDE, {@link Workers}.
 */
class MetaPdeTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Workers workers;
    private EndpointRegistry registry;
    private Pipeline meta;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void independentSubTasksRunInParallel() throws Exception {
        start(new Workers(3, 0));

        TaskResult result = meta.execute(task("[{\"id\":\"g1\",\"type\":\"gate\"},{\"id\":\"g2\",\"type\":\"gate\"},"
                + "{\"id\":\"g3\",\"type\":\"gate\"}]", "max_parallel", "3"));

        // Each gate task waits until all three have started: they can only succeed side by side.
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getSubResultsList()).extracting(TaskResult::getStatus).containsOnly(TaskStatus.SUCCEEDED);
    }

    @Test
    void outputsAreCollectedBySubTaskIdAndTheTreeIsReported() throws Exception {
        start(new Workers(0, 0));

        TaskResult result = meta.execute(task("[{\"id\":\"a\",\"type\":\"echo\",\"inputs\":{\"n\":\"1\"}},"
                + "{\"id\":\"b\",\"type\":\"echo\",\"inputs\":{\"n\":\"2\"},\"depends_on\":[\"a\"]}]"));

        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getTaskType()).isEqualTo("meta.run");
        Struct outputs = result.getOutputs();
        assertThat(field(outputs, "a", "n")).isEqualTo("1");
        assertThat(field(outputs, "b", "n")).isEqualTo("2");
        // b depends on a, so it was given a's outputs.
        assertThat(outputs.getFieldsOrThrow("b").getStructValue().getFieldsOrThrow(SubTaskRun.UPSTREAM).getStructValue()
                .getFieldsOrThrow("a").getStructValue().getFieldsOrThrow("n").getStringValue()).isEqualTo("1");
        assertThat(result.getSubResultsList()).extracting(TaskResult::getTaskId).containsExactly("a", "b");
        TaskResult a = result.getSubResults(0);
        assertThat(a.getTaskType()).isEqualTo("echo");
        assertThat(a.getEndpointId()).isEqualTo("workers");
        assertThat(a.getPdeId()).isEqualTo(Workers.PDE_ID);
        assertThat(a.hasOutputs()).isFalse();
    }

    @Test
    void mergeCombinesTheSubTasksFieldsSideBySide() throws Exception {
        start(new Workers(0, 0));

        TaskResult result = meta.execute(task("[{\"id\":\"a\",\"type\":\"echo\",\"inputs\":{\"x\":\"1\"}},"
                + "{\"id\":\"b\",\"type\":\"echo\",\"inputs\":{\"y\":\"2\"}}]", "combine", "merge"));

        assertThat(result.getOutputs().getFieldsMap()).containsOnlyKeys("x", "y");
    }

    @Test
    void failFastCancelsTheRunningSiblingsAndFails() throws Exception {
        start(new Workers(0, 2));

        TaskResult result = meta.execute(task("[{\"id\":\"h1\",\"type\":\"hang\"},{\"id\":\"h2\",\"type\":\"hang\"},"
                + "{\"id\":\"x\",\"type\":\"boom\"},{\"id\":\"later\",\"type\":\"echo\",\"depends_on\":[\"x\"]}]"));

        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo("BOOM");
        assertThat(result.getError().getMessage()).contains("sub-task 'x'");
        assertThat(Workers.await(workers.cancelled)).as("both hanging sub-tasks saw their call cancelled").isTrue();
        assertThat(result.getSubResultsList()).extracting(r -> r.getTaskId() + "=" + r.getStatus() + "/" + r.getError().getCode())
                .containsExactly("h1=FAILED/CANCELLED", "h2=FAILED/CANCELLED", "x=FAILED/BOOM", "later=REJECTED/NOT_STARTED");
    }

    @Test
    void bestEffortSucceedsWithWhatSucceededAndReportsTheRest() throws Exception {
        start(new Workers(0, 0));

        TaskResult result = meta.execute(task("[{\"id\":\"a\",\"type\":\"echo\",\"inputs\":{\"n\":\"1\"}},"
                + "{\"id\":\"b\",\"type\":\"boom\"},{\"id\":\"c\",\"type\":\"echo\",\"depends_on\":[\"b\"]}]",
                "failure_policy", "best_effort"));

        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getOutputs().getFieldsMap()).containsOnlyKeys("a");
        assertThat(result.getFindingsList()).allMatch(f -> f.getSeverity() == Severity.WARNING)
                .extracting(f -> f.getFieldPath()).containsExactly("b", "c");
        assertThat(result.getSubResultsList()).extracting(r -> r.getTaskId() + "=" + r.getStatus())
                .containsExactly("a=SUCCEEDED", "b=FAILED", "c=REJECTED");
    }

    @Test
    void anEndpointAdvertisingMetaDecomposeProposesTheSubTasks() throws Exception {
        start(new Workers(0, 0));
        List<InvokeRequest> asked = new CopyOnWriteArrayList<>();
        registry.register(decomposer(asked, "[{\"id\":\"p\",\"type\":\"echo\",\"inputs\":{\"v\":\"proposed\"}}]"));

        TaskResult result = meta.execute(TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("m-llm")
                .setTaskType("meta.run").setInputs(Struct.newBuilder().putFields("goal", Workers.text("say proposed")))).build());

        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(field(result.getOutputs(), "p", "v")).isEqualTo("proposed");
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.getTaskType()).isEqualTo(Decomposer.TASK_TYPE);
            assertThat(request.getInputs().getFieldsOrThrow("task_type").getStringValue()).isEqualTo("meta.run");
        });
    }

    @Test
    void anInvalidProposalFailsWithoutRunningAnything() throws Exception {
        start(new Workers(0, 0));
        registry.register(decomposer(new CopyOnWriteArrayList<>(), "[{\"id\":\"p\"}]"));

        TaskResult result = meta.execute(TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("m-bad")
                .setTaskType("meta.run").setConstraints(Constraints.newBuilder().setMaxAttempts(1))).build());

        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo(Decomposer.INVALID_PROPOSAL);
        assertThat(result.getError().getMessage()).contains("subtasks[0].type");
    }

    @Test
    void malformedSubtasksJsonIsRefusedAsInvalidArgumentNamingTheField() throws Exception {
        start(new Workers(0, 0));
        InProcessPde server = new InProcessPde(meta, () -> PdeDescription.getDefaultInstance(), PdeServerOptions.dev());
        closeables.add(server);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> PdeServiceGrpc.newBlockingStub(server.channel()).execute(task("[{\"id\": \"a\", ")));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).startsWith("spec.inputs.subtasks: is not valid JSON");
    }

    @Test
    void withoutAListOrADecomposerTheSubtasksInputIsRequired() throws Exception {
        start(new Workers(0, 0));

        InvalidTaskException refused = catchThrowableOfType(InvalidTaskException.class, () -> meta.execute(
                TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("m-0").setTaskType("meta.run")).build()));

        assertThat(refused.field()).isEqualTo("spec.inputs.subtasks");
        assertThat(refused.getMessage()).contains("meta.decompose");
    }

    @Test
    void aCycleInDependsOnIsRefused() throws Exception {
        start(new Workers(0, 0));

        InvalidTaskException refused = catchThrowableOfType(InvalidTaskException.class, () -> meta.execute(task(
                "[{\"id\":\"a\",\"type\":\"echo\",\"depends_on\":[\"c\"]},{\"id\":\"b\",\"type\":\"echo\",\"depends_on\":[\"a\"]},"
                        + "{\"id\":\"c\",\"type\":\"echo\",\"depends_on\":[\"b\"]}]")));

        assertThat(refused.field()).isEqualTo("spec.inputs.subtasks");
        assertThat(refused.getMessage()).contains("cycle").contains("a -> c -> b -> a");
    }

    @Test
    void anExhaustedDeadlineTimesTheTaskOutAndCancelsTheChildren() throws Exception {
        start(new Workers(0, 2));
        TaskRequest request = task("[{\"id\":\"h1\",\"type\":\"hang\"},{\"id\":\"h2\",\"type\":\"hang\"}]");
        request = request.toBuilder().setSpec(request.getSpec().toBuilder()
                .setConstraints(Constraints.newBuilder().setTimeout(Duration.newBuilder().setNanos(300_000_000)))).build();

        TaskResult result = meta.execute(request);

        assertThat(result.getStatus()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(result.getError().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(Workers.await(workers.cancelled)).as("both running sub-tasks were cancelled").isTrue();
    }

    /** The meta PDE: a pipeline whose registry holds the child PDE as pde endpoint "workers" and the meta endpoint. */
    private void start(Workers executor) {
        workers = executor;
        InProcessPde child = new InProcessPde(workers, Workers::description, PdeServerOptions.dev());
        closeables.add(child);
        SubPdeEndpoint pde = new SubPdeEndpoint("workers", new PdeGrpcClient(child.channel(), null), Optional.empty());
        closeables.add(pde);
        registry = new EndpointRegistry().register(pde);
        registry.register(new MetaEndpoint(List.of("meta.run"), List.of(pde), registry));
        meta = new PipelineBuilder(registry).pdeId("meta-1").build();
    }

    private static TaskRequest task(String subtasks, String... options) {
        Struct.Builder inputs = Struct.newBuilder().putFields(SubTaskPlan.INPUT, Workers.text(subtasks));
        for (int i = 0; i < options.length; i += 2) {
            inputs.putFields(options[i], Workers.text(options[i + 1]));
        }
        return TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("m-1").setTaskType("meta.run")
                .setInputs(inputs)).build();
    }

    private static String field(Struct outputs, String id, String name) {
        return outputs.getFieldsOrThrow(id).getStructValue().getFieldsOrThrow(name).getStringValue();
    }

    /** A scripted stand-in for an LLM endpoint: advertises meta.decompose and always proposes {@code subtasks}. */
    private static Endpoint decomposer(List<InvokeRequest> asked, String subtasks) {
        return new Endpoint() {
            @Override
            public String id() {
                return "planner";
            }

            @Override
            public EndpointDescription describe() {
                return EndpointDescription.newBuilder().setEndpointId("planner")
                        .addCapabilities(Capability.newBuilder().setTaskType(Decomposer.TASK_TYPE)).build();
            }

            @Override
            public EndpointHealth health() {
                return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
            }

            @Override
            public InvokeResponse invoke(InvokeRequest request, Deadline deadline) {
                asked.add(request);
                return InvokeResponse.newBuilder().setOutputs(Struct.newBuilder()
                        .putFields(SubTaskPlan.INPUT, Value.newBuilder().setStringValue(subtasks).build())).build();
            }
        };
    }
}
