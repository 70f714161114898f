package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.pde.pipeline.Fixtures.ok;
import static procos.pde.pipeline.Fixtures.request;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import io.grpc.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.NoopEndpoint;
import procos.pde.v1.Attempt;
import procos.pde.v1.CacheHints;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Iteration;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

class PipelineTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final EndpointRegistry registry = new EndpointRegistry();
    private final ScriptedRules rules = new ScriptedRules();
    private final List<TaskResult> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private PipelineBuilder builder() {
        return new PipelineBuilder(registry).pdeId("pde-it").rules(rules).firstBackoff(Duration.ofMillis(1))
                .endpointExecutor(executor).listener((context, result) -> heard.add(result));
    }

    private Pipeline pipeline() {
        return builder().build();
    }

    private static TaskRequest lookup(String taskId, com.google.protobuf.Struct inputs) {
        return request(spec(taskId, "lookup").setInputs(inputs));
    }

    // ---- end to end -----------------------------------------------------------------------

    @Test
    void echoTaskRunsEndToEndOnTheBuiltInEndpoint() throws InvalidTaskException {
        registry.register(new NoopEndpoint());
        TaskResult result = pipeline().execute(request(spec("t-1", "echo").setInputs(struct("hello", "world"))));
        assertThat(result.getTaskId()).isEqualTo("t-1");
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getOutputs()).isEqualTo(struct("hello", "world"));
        assertThat(result.getConfidence()).isEqualTo(1.0);
        assertThat(result.getEndpointId()).isEqualTo(NoopEndpoint.ID);
        assertThat(result.getPdeId()).isEqualTo("pde-it");
        assertThat(result.getAttemptsList()).extracting(Attempt::getOutcome).containsExactly(TaskStatus.SUCCEEDED);
        assertThat(result.getCached()).isFalse();
        assertThat(result.hasError()).isFalse();
        assertThat(heard).containsExactly(result);
    }

    @Test
    void taskRulesShapeTheRunFromRoutingToValidation() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").thenRespond(ok(struct("name", "Ada")));
        ScriptedEndpoint b = ScriptedEndpoint.of("b", "lookup").thenRespond(ok(struct("nom", "Ada")));
        ScriptedEndpoint c = ScriptedEndpoint.of("c", "lookup");
        registry.register(a).register(b).register(c);
        rules.route("lookup", "b", "a").requireOutputs("lookup", "name").requireInputs("lookup", "id");
        TaskResult result = pipeline().execute(lookup("t-1", struct("id", "42")));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getEndpointId()).isEqualTo("a");
        assertThat(result.getAttemptsList()).extracting(Attempt::getEndpointId).containsExactly("b", "a");
        assertThat(result.getAttemptsList().get(0).getError().getCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(c.calls()).as("not in the routing rule").isZero();
    }

    @Test
    void malformedRequestThrowsNamingTheField() {
        registry.register(new NoopEndpoint());
        assertThatThrownBy(() -> pipeline().execute(request(TaskSpec.newBuilder().setTaskType("echo"))))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.task_id"));
        assertThat(heard).isEmpty();
    }

    @Test
    void missingRequiredInputThrowsAndCallsNoEndpoint() {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup");
        registry.register(a);
        rules.requireInputs("lookup", "id");
        assertThatThrownBy(() -> pipeline().execute(lookup("t-1", struct("name", "Ada"))))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("spec.inputs.id"));
        assertThat(a.calls()).isZero();
    }

    @Test
    void unknownTaskTypeThrowsNamingTaskType() {
        registry.register(new NoopEndpoint());
        assertThatThrownBy(() -> pipeline().execute(request(spec("t-1", "no.such.type"))))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.task_type");
                    assertThat(e.getMessage()).contains("[echo, noop]");
                });
    }

    @Test
    void bpmnErrorReachesTheResult() throws InvalidTaskException {
        ErrorDetail business = ErrorDetail.newBuilder().setCode("NOT_FOUND").setBpmnErrorCode("CUSTOMER_NOT_FOUND").build();
        registry.register(ScriptedEndpoint.of("a", "lookup").thenRespond(InvokeResponse.newBuilder().setError(business).build()));
        TaskResult result = pipeline().execute(lookup("t-1", struct("id", "42")));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.BPMN_ERROR);
        assertThat(result.getError().getBpmnErrorCode()).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    @Test
    void probabilisticTaskIteratesToConvergence() throws InvalidTaskException {
        ScriptedEndpoint model = ScriptedEndpoint.of("model", "extract")
                .thenRespond(ok(struct("total", 10), 0.5))
                .thenRespond(ok(struct("total", 12), 0.9));
        registry.register(model);
        TaskResult result = pipeline().execute(request(spec("t-1", "extract").setMode(Mode.PROBABILISTIC)));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getOutputs()).isEqualTo(struct("total", 12));
        assertThat(result.getConfidence()).isEqualTo(0.9);
        assertThat(result.getIterationsList()).extracting(Iteration::getConfidence).containsExactly(0.5, 0.9);
        assertThat(model.requests()).extracting(r -> r.getMode()).containsOnly(Mode.PROBABILISTIC);
    }

    @Test
    void unspecifiedModeRunsDeterministically() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").thenRespond(ok(struct("name", "Ada"), 0.1));
        registry.register(a);
        TaskResult result = pipeline().execute(lookup("t-1", struct("id", "42")));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.getIterationsList()).isEmpty();
        assertThat(a.request(0).getMode()).isEqualTo(Mode.DETERMINISTIC);
    }

    // ---- deadlines and availability -------------------------------------------------------

    @Test
    void taskRunInsideAGrpcContextGetsItsDeadline() throws Exception {
        ScriptedEndpoint stuck = ScriptedEndpoint.of("stuck", "lookup").otherwiseBlock();
        registry.register(stuck);
        Pipeline pipeline = builder().defaultTimeout(Duration.ofMinutes(10)).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Context.CancellableContext context = Context.current().withDeadlineAfter(1, TimeUnit.SECONDS, scheduler);
        TaskResult result;
        try {
            result = context.call(() -> pipeline.execute(lookup("t-1", struct("id", "42"))));
        } finally {
            context.cancel(null);
            scheduler.shutdownNow();
        }
        assertThat(result.getStatus()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(result.getError().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(stuck.deadlines()).first().satisfies(deadline -> assertThat(deadline.isExpired()).isTrue());
        assertThat(stuck.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noHealthyEndpointFailsRetryablyWithoutCallingAny() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").unhealthy("maintenance");
        registry.register(a);
        TaskResult result = pipeline().execute(lookup("t-1", struct("id", "42")));
        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo("NO_HEALTHY_ENDPOINT");
        assertThat(result.getError().getRetryable()).isTrue();
        assertThat(result.getError().getMessage()).contains("a: unhealthy (maintenance)");
        assertThat(result.getAttemptsList()).isEmpty();
        assertThat(a.calls()).isZero();
        assertThat(heard).containsExactly(result);
    }

    // ---- result cache ---------------------------------------------------------------------

    @Test
    void deterministicIdempotentTaskIsServedFromTheCacheTheSecondTime() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").thenRespond(ok(struct("name", "Ada")));
        registry.register(a);
        rules.cacheType("lookup");
        Pipeline pipeline = pipeline();
        TaskResult first = pipeline.execute(lookup("t-1", struct("id", "42", "region", "eu")));
        TaskResult second = pipeline.execute(lookup("t-2", struct("region", "eu", "id", "42")));
        assertThat(a.calls()).isEqualTo(1);
        assertThat(first.getCached()).isFalse();
        assertThat(second.getCached()).isTrue();
        assertThat(second.getTaskId()).isEqualTo("t-2");
        assertThat(second.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(second.getOutputs()).isEqualTo(first.getOutputs());
        assertThat(second.getEndpointId()).isEqualTo("a");
        assertThat(second.getAttemptsList()).isEmpty();
        assertThat(heard).containsExactly(first, second);
    }

    @Test
    void bypassCacheRunsAgainAndRefreshesTheCache() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup")
                .thenRespond(ok(struct("name", "old"))).thenRespond(ok(struct("name", "new")));
        registry.register(a);
        rules.cacheType("lookup");
        Pipeline pipeline = pipeline();
        pipeline.execute(lookup("t-1", struct("id", "42")));
        TaskResult fresh = pipeline.execute(request(spec("t-2", "lookup").setInputs(struct("id", "42"))
                .setCache(CacheHints.newBuilder().setBypassCache(true))));
        assertThat(a.calls()).isEqualTo(2);
        assertThat(fresh.getCached()).isFalse();
        assertThat(fresh.getOutputs()).isEqualTo(struct("name", "new"));

        TaskResult later = pipeline.execute(lookup("t-3", struct("id", "42")));
        assertThat(a.calls()).isEqualTo(2);
        assertThat(later.getCached()).isTrue();
        assertThat(later.getOutputs()).isEqualTo(struct("name", "new"));
    }

    @Test
    void differentInputsAreNotServedFromTheCache() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").otherwiseRespond(ok(struct("name", "Ada")));
        registry.register(a);
        rules.cacheType("lookup");
        Pipeline pipeline = pipeline();
        pipeline.execute(lookup("t-1", struct("id", "42")));
        assertThat(pipeline.execute(lookup("t-2", struct("id", "43"))).getCached()).isFalse();
        assertThat(a.calls()).isEqualTo(2);
    }

    @Test
    void nonCacheableTaskTypeRunsEveryTime() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").otherwiseRespond(ok(struct("name", "Ada")));
        registry.register(a);
        Pipeline pipeline = pipeline();
        pipeline.execute(lookup("t-1", struct("id", "42")));
        assertThat(pipeline.execute(lookup("t-2", struct("id", "42"))).getCached()).isFalse();
        assertThat(a.calls()).isEqualTo(2);
    }

    @Test
    void failedResultIsNotCached() throws InvalidTaskException {
        ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup").thenFail("INVALID_INPUT", false)
                .thenRespond(ok(struct("name", "Ada")));
        registry.register(a);
        rules.cacheType("lookup");
        Pipeline pipeline = pipeline();
        assertThat(pipeline.execute(lookup("t-1", struct("id", "42"))).getStatus()).isEqualTo(TaskStatus.FAILED);
        TaskResult second = pipeline.execute(lookup("t-2", struct("id", "42")));
        assertThat(second.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(second.getCached()).isFalse();
        assertThat(a.calls()).isEqualTo(2);
    }

    // ---- listeners ------------------------------------------------------------------------

    @Test
    void throwingListenerDoesNotBreakTheTask() throws InvalidTaskException {
        registry.register(new NoopEndpoint());
        List<String> later = new CopyOnWriteArrayList<>();
        Pipeline pipeline = builder()
                .listener((context, result) -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener((context, result) -> later.add(result.getTaskId()))
                .build();
        TaskResult one = pipeline.execute(request(spec("t-1", "noop")));
        TaskResult two = pipeline.execute(request(spec("t-2", "noop")));
        assertThat(one.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(two.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(heard).containsExactly(one, two);
        assertThat(later).containsExactly("t-1", "t-2");
    }
}
