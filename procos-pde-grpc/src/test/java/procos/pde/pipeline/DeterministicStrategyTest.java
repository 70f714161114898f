package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static procos.pde.pipeline.Fixtures.context;
import static procos.pde.pipeline.Fixtures.ok;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import io.grpc.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.v1.Attempt;
import procos.pde.v1.CacheHints;
import procos.pde.v1.Constraints;
import procos.pde.v1.Correlation;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

class DeterministicStrategyTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScriptedRules rules = new ScriptedRules();
    private final HealthProbe health = new HealthProbe(Duration.ofMinutes(5));
    private final DeterministicStrategy strategy = strategy(Duration.ofMillis(1));

    private final ScriptedEndpoint a = ScriptedEndpoint.of("a", "lookup");
    private final ScriptedEndpoint b = ScriptedEndpoint.of("b", "lookup");

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private DeterministicStrategy strategy(Duration firstBackoff) {
        return new DeterministicStrategy(new EndpointCall(executor), new ValidateBlock(rules), health, firstBackoff);
    }

    private static TaskSpec.Builder task() {
        return spec("t-1", "lookup").setInputs(struct("id", "42"));
    }

    private Outcome run(TaskSpec.Builder spec, Endpoint... plan) {
        return strategy.run(context(spec), new RoutePlan(List.of(plan)));
    }

    private static TaskSpec.Builder maxAttempts(int attempts) {
        return task().setConstraints(Constraints.newBuilder().setMaxAttempts(attempts));
    }

    @Test
    void successOnTheFirstTryRecordsOneAttempt() {
        a.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.outputs()).isEqualTo(struct("name", "Ada"));
        assertThat(outcome.endpointId()).isEqualTo("a");
        assertThat(outcome.confidence()).isEqualTo(1.0);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.iterations()).isEmpty();
        assertThat(outcome.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getEndpointId()).isEqualTo("a");
            assertThat(attempt.getOutcome()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(attempt.hasError()).isFalse();
            assertThat(attempt.getIteration()).isZero();
        });
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isZero();
    }

    @Test
    void endpointsOwnConfidenceIsKept() {
        a.thenRespond(ok(struct("name", "Ada"), 0.75));
        assertThat(run(task(), a).confidence()).isEqualTo(0.75);
    }

    @Test
    void requestCarriesTheTask() {
        Correlation correlation = Correlation.newBuilder().setCorrelationId("c-1").setProcessInstanceId("pi-1")
                .setActivityId("Task_Lookup").build();
        a.thenRespond(ok(struct()));
        run(task().setCorrelation(correlation).addAllowedTools("search").addAllowedTools("calc")
                .setCache(CacheHints.newBuilder().setIdempotencyKey("idem-1"))
                .setConstraints(Constraints.newBuilder().setMaxOutputBytes(2048)), a);
        InvokeRequest request = a.request(0);
        assertThat(request.getTaskId()).isEqualTo("t-1");
        assertThat(request.getTaskType()).isEqualTo("lookup");
        assertThat(request.getInputs()).isEqualTo(struct("id", "42"));
        assertThat(request.getMode()).isEqualTo(Mode.DETERMINISTIC);
        assertThat(request.getCorrelation()).isEqualTo(correlation);
        assertThat(request.getIdempotencyKey()).isEqualTo("idem-1");
        assertThat(request.getAllowedToolsList()).containsExactly("search", "calc");
        assertThat(request.getIteration()).isZero();
        assertThat(request.getInvocationId()).isNotEmpty();
        // endpoint_service.proto InvokeRequest.max_output_bytes: "from Constraints.max_output_bytes".
        assertThat(request.getMaxOutputBytes()).isEqualTo(2048);
    }

    @Test
    void everyCallHasItsOwnInvocationId() {
        a.thenFail("UNAVAILABLE", true).thenRespond(ok(struct()));
        run(task(), a);
        assertThat(a.requests()).extracting(InvokeRequest::getInvocationId).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void retryableFailureIsRetriedOnTheSameEndpoint() {
        a.thenFail("UNAVAILABLE", true).thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.endpointId()).isEqualTo("a");
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "a");
        assertThat(outcome.attempts()).extracting(Attempt::getOutcome).containsExactly(TaskStatus.FAILED, TaskStatus.SUCCEEDED);
        assertThat(outcome.attempts().get(0).getError().getCode()).isEqualTo("UNAVAILABLE");
        assertThat(outcome.attempts().get(0).getError().getRetryable()).isTrue();
        assertThat(a.calls()).isEqualTo(2);
        assertThat(b.calls()).isZero();
    }

    @Test
    void nonRetryableFailureFallsBackToTheNextEndpoint() {
        a.thenFail("INVALID_INPUT", false);
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.endpointId()).isEqualTo("b");
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "b");
        assertThat(outcome.attempts().get(0).getError().getCode()).isEqualTo("INVALID_INPUT");
        assertThat(a.calls()).isEqualTo(1);
    }

    @Test
    void validationFailureFallsBackToTheNextEndpointWithoutRetrying() {
        rules.requireOutputs("lookup", "name");
        a.otherwiseRespond(ok(struct("nom", "Ada")));
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.endpointId()).isEqualTo("b");
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "b");
        assertThat(outcome.attempts().get(0).getOutcome()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.attempts().get(0).getError().getCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(outcome.attempts().get(0).getError().getMessage()).contains("name");
        assertThat(a.calls()).isEqualTo(1);
    }

    @Test
    void acceptedAnswerKeepsItsWarnings() {
        Finding warning = Finding.newBuilder().setRule("self.check").setSeverity(procos.pde.v1.Severity.WARNING).build();
        a.thenRespond(ok(struct("name", "Ada")).toBuilder().addFindings(warning).build());
        assertThat(run(task(), a).findings()).containsExactly(warning);
    }

    @Test
    void whenAllFailTheTaskFailsWithTheLastErrorAndEveryAttempt() {
        a.thenFail("INVALID_INPUT", false);
        b.thenFail("NOT_SUPPORTED", false);
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("NOT_SUPPORTED");
        assertThat(outcome.error().getRetryable()).isFalse();
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "b");
        assertThat(outcome.attempts()).extracting(a1 -> a1.getError().getCode()).containsExactly("INVALID_INPUT", "NOT_SUPPORTED");
        assertThat(outcome.outputs().getFieldsCount()).isZero();
        assertThat(outcome.endpointId()).isEmpty();
    }

    @Test
    void whenTheLastEndpointAnswersInvalidlyTheTaskFailsWithValidationFailedAndItsFindings() {
        rules.requireOutputs("lookup", "name");
        a.thenFail("UNAVAILABLE", false);
        b.thenRespond(ok(struct()));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(outcome.error().getRetryable()).isFalse();
        assertThat(outcome.findings()).extracting(Finding::getRule).containsExactly("required_output");
        assertThat(outcome.attempts()).hasSize(2);
    }

    @Test
    void retryableErrorReportedInTheResponseIsRetried() {
        // endpoint_service.proto: work failures come back as InvokeResponse.error and
        // "error.retryable tells the PDE whether another attempt ... may help".
        a.thenRespond(Fixtures.error("OVERLOADED", true)).thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "a");
        assertThat(outcome.attempts().get(0).getError().getCode()).isEqualTo("OVERLOADED");
        assertThat(b.calls()).isZero();
    }

    @Test
    void permanentErrorReportedInTheResponseFallsBackAndKeepsItsCode() {
        a.otherwiseRespond(Fixtures.error("NOT_FOUND", false));
        b.otherwiseRespond(Fixtures.error("NOT_FOUND", false));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("NOT_FOUND");
        assertThat(outcome.error().getRetryable()).isFalse();
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isEqualTo(1);
    }

    @Test
    void runningOutOfTimeGivesTimedOut() {
        a.thenBlock();
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = strategy.run(Fixtures.context(task(), Deadline.after(200, TimeUnit.MILLISECONDS)), new RoutePlan(List.of(a, b)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outcome.error().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(outcome.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getEndpointId()).isEqualTo("a");
            assertThat(attempt.getOutcome()).isEqualTo(TaskStatus.TIMED_OUT);
        });
        assertThat(b.calls()).as("no time left for the fallback").isZero();
    }

    @Test
    void singleEndpointRunningOutOfTimeGivesTimedOut() {
        a.otherwiseBlock();
        Outcome outcome = strategy.run(Fixtures.context(task(), Deadline.after(200, TimeUnit.MILLISECONDS)), new RoutePlan(List.of(a)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outcome.error().getRetryable()).isTrue();
    }

    @Test
    void alreadyExpiredDeadlineCallsNoEndpoint() {
        Outcome outcome = strategy.run(Fixtures.context(task(), Deadline.after(-1, TimeUnit.SECONDS)), new RoutePlan(List.of(a, b)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outcome.attempts()).isEmpty();
        assertThat(a.calls() + b.calls()).isZero();
    }

    @Test
    void bpmnErrorEndsTheTaskAtOnceWithoutFallback() {
        ErrorDetail business = ErrorDetail.newBuilder().setCode("NOT_FOUND").setMessage("no customer 42")
                .setBpmnErrorCode("CUSTOMER_NOT_FOUND").build();
        a.thenRespond(InvokeResponse.newBuilder().setOutputs(struct("searched", "42")).setError(business).build());
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(task(), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.BPMN_ERROR);
        assertThat(outcome.error()).isEqualTo(business);
        assertThat(outcome.outputs()).as("variables for the BPMN error").isEqualTo(struct("searched", "42"));
        assertThat(outcome.endpointId()).isEqualTo("a");
        assertThat(outcome.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.getOutcome()).isEqualTo(TaskStatus.BPMN_ERROR);
            assertThat(attempt.getError().getBpmnErrorCode()).isEqualTo("CUSTOMER_NOT_FOUND");
        });
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isZero();
    }

    @Test
    void maxAttemptsIsHonoured() {
        a.otherwiseFail("UNAVAILABLE", true);
        Outcome outcome = run(maxAttempts(4), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("UNAVAILABLE");
        assertThat(outcome.error().getRetryable()).isTrue();
        assertThat(outcome.attempts()).hasSize(4);
        assertThat(a.calls()).isEqualTo(4);
    }

    @Test
    void withoutMaxAttemptsThreeAttemptsAreMade() {
        a.otherwiseFail("UNAVAILABLE", true);
        assertThat(run(task(), a).attempts()).hasSize(3);
        assertThat(a.calls()).isEqualTo(3);
    }

    @Test
    void maxAttemptsOfOneMeansNoRetryButStillFallsBack() {
        a.otherwiseFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(maxAttempts(1), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(a.calls()).isEqualTo(1);
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "b");
    }

    @Test
    void retriesExhaustedOnOneEndpointMoveOnToTheNext() {
        a.otherwiseFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = run(maxAttempts(2), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "a", "b");
    }

    @Test
    void noBackoffAfterTheLastAttemptOfAnEndpoint() {
        // A one-hour backoff that fits the one-day deadline: slept after the last attempt, it
        // would hold the fallback for an hour. The preemptive timeout only guards against that hang.
        DeterministicStrategy slowBackoff = strategy(Duration.ofHours(1));
        a.otherwiseFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> slowBackoff.run(
                context(maxAttempts(1), Duration.ofDays(1)), new RoutePlan(List.of(a, b))));
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void backoffThatWouldOutlastTheDeadlineEndsRetriesOnThatEndpoint() {
        DeterministicStrategy slowBackoff = strategy(Duration.ofHours(1));
        a.otherwiseFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("name", "Ada")));
        Outcome outcome = slowBackoff.run(context(maxAttempts(5)), new RoutePlan(List.of(a, b)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(a.calls()).isEqualTo(1);
    }

    @Test
    void failedEndpointsHealthIsAskedAgainNextTime() {
        health.health(a);
        a.thenFail("UNAVAILABLE", false);
        b.thenRespond(ok(struct()));
        run(task(), a, b);
        health.health(a);
        assertThat(a.healthChecks()).isEqualTo(2);
    }

    @Test
    void emptyPlanFailsRetryably() {
        Outcome outcome = run(task());
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getRetryable()).isTrue();
        assertThat(outcome.attempts()).isEmpty();
    }
}
