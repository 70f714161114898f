package procos.pde.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
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
import procos.pde.v1.Constraints;
import procos.pde.v1.Finding;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.Iteration;
import procos.pde.v1.Mode;
import procos.pde.v1.Severity;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

class ProbabilisticStrategyTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScriptedRules rules = new ScriptedRules();
    private final HealthProbe health = new HealthProbe(Duration.ofMinutes(5));
    private final ProbabilisticStrategy strategy = new ProbabilisticStrategy(new EndpointCall(executor), new ValidateBlock(rules), health);

    private final ScriptedEndpoint a = ScriptedEndpoint.of("a", "extract");
    private final ScriptedEndpoint b = ScriptedEndpoint.of("b", "extract");

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static TaskSpec.Builder task(double threshold, int maxIterations) {
        return spec("t-1", "extract").setMode(Mode.PROBABILISTIC).setInputs(struct("text", "invoice 42"))
                .setConstraints(Constraints.newBuilder().setConfidenceThreshold(threshold).setMaxIterations(maxIterations));
    }

    private Outcome run(TaskSpec.Builder spec, Endpoint... plan) {
        return strategy.run(context(spec), new RoutePlan(List.of(plan)));
    }

    @Test
    void convergesWhenConfidenceReachesTheThreshold() {
        a.thenRespond(ok(struct("total", 10), 0.5))
                .thenRespond(ok(struct("total", 11), 0.7))
                .thenRespond(ok(struct("total", 12), 0.95));
        Outcome outcome = run(task(0.9, 5), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.outputs()).isEqualTo(struct("total", 12));
        assertThat(outcome.confidence()).isEqualTo(0.95);
        assertThat(outcome.endpointId()).isEqualTo("a");
        assertThat(outcome.error()).isNull();
        assertThat(outcome.iterations()).extracting(Iteration::getConfidence).containsExactly(0.5, 0.7, 0.95);
        assertThat(outcome.attempts()).extracting(Attempt::getOutcome)
                .containsExactly(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED);
        assertThat(a.calls()).as("stops at the first proposal reaching the threshold").isEqualTo(3);
    }

    @Test
    void iterationsAreNumberedFromZero() {
        // endpoint_service.proto InvokeRequest.iteration "index of the iteration ..., from 0";
        // task.proto Iteration.index "starting at 0 for the first proposal".
        a.thenRespond(ok(struct("total", 10), 0.5)).thenRespond(ok(struct("total", 12), 0.95));
        Outcome outcome = run(task(0.9, 5), a);
        assertThat(outcome.iterations()).extracting(Iteration::getIndex).containsExactly(0, 1);
        assertThat(outcome.attempts()).extracting(Attempt::getIteration).containsExactly(0, 1);
        assertThat(a.requests()).extracting(InvokeRequest::getIteration).containsExactly(0, 1);
    }

    @Test
    void laterIterationsGetThePreviousProposalAndItsFindings() {
        a.thenRespond(ok(struct("total", 10), 0.5))
                .thenRespond(ok(struct("total", 11), 0.7))
                .thenRespond(ok(struct("total", 12), 0.95));
        run(task(0.9, 5), a);

        InvokeRequest first = a.request(0);
        assertThat(first.getMode()).isEqualTo(Mode.PROBABILISTIC);
        assertThat(first.getInputs()).isEqualTo(struct("text", "invoice 42"));
        assertThat(first.hasPreviousOutputs()).as("unset in iteration 0").isFalse();
        assertThat(first.getFeedbackList()).isEmpty();

        InvokeRequest second = a.request(1);
        assertThat(second.getPreviousOutputs()).isEqualTo(struct("total", 10));
        assertThat(second.getFeedbackList()).singleElement().satisfies(finding -> {
            assertThat(finding.getRule()).isEqualTo("confidence_threshold");
            assertThat(finding.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(finding.getMessage()).contains("0.5");
        });

        InvokeRequest third = a.request(2);
        assertThat(third.getPreviousOutputs()).isEqualTo(struct("total", 11));
        assertThat(third.getFeedbackList()).singleElement()
                .satisfies(finding -> assertThat(finding.getMessage()).contains("0.7"));
    }

    @Test
    void rejectedProposalIsFedBackWithWhatIsWrongWithIt() {
        rules.requireOutputs("extract", "total");
        a.thenRespond(ok(struct("subtotal", 9), 0.99))
                .thenRespond(ok(struct("total", 12), 0.95));
        Outcome outcome = run(task(0.9, 5), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.outputs()).isEqualTo(struct("total", 12));
        assertThat(outcome.attempts()).extracting(Attempt::getOutcome).containsExactly(TaskStatus.FAILED, TaskStatus.SUCCEEDED);
        assertThat(outcome.attempts().get(0).getError().getCode()).isEqualTo("VALIDATION_FAILED");

        InvokeRequest second = a.request(1);
        assertThat(second.getPreviousOutputs()).isEqualTo(struct("subtotal", 9));
        assertThat(second.getFeedbackList()).extracting(Finding::getRule).containsExactly("required_output");
    }

    @Test
    void feedbackAlwaysConcernsThePreviousOutputs() {
        // After a good proposal and a rejected one, the endpoint must get the rejected one back
        // together with its findings, not the good one with findings that do not apply to it.
        rules.requireOutputs("extract", "total");
        a.thenRespond(ok(struct("total", 10), 0.6))
                .thenRespond(ok(struct("subtotal", 9), 0.7))
                .thenRespond(ok(struct("total", 12), 0.95));
        run(task(0.9, 5), a);
        InvokeRequest third = a.request(2);
        assertThat(third.getPreviousOutputs()).isEqualTo(struct("subtotal", 9));
        assertThat(third.getFeedbackList()).extracting(Finding::getRule).contains("required_output");
    }

    @Test
    void stopsAtMaxIterationsWithLowConfidenceAndTheBestProposal() {
        a.thenRespond(ok(struct("total", 10), 0.6))
                .thenRespond(ok(struct("total", 11), 0.4));
        Outcome outcome = run(task(0.9, 2), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("LOW_CONFIDENCE");
        assertThat(outcome.error().getRetryable()).isFalse();
        assertThat(outcome.outputs()).as("best proposal, for inspection").isEqualTo(struct("total", 10));
        assertThat(outcome.confidence()).isEqualTo(0.6);
        assertThat(outcome.endpointId()).isEqualTo("a");
        assertThat(outcome.iterations()).hasSize(2);
        assertThat(a.calls()).isEqualTo(2);
    }

    @Test
    void singleIterationMeansOneProposalWithoutRefinement() {
        a.otherwiseRespond(ok(struct("total", 10), 0.5));
        Outcome outcome = run(task(0.9, 1), a);
        assertThat(outcome.error().getCode()).isEqualTo("LOW_CONFIDENCE");
        assertThat(a.calls()).isEqualTo(1);
    }

    @Test
    void withoutLimitsThreeIterationsAndAThresholdOfPointEightApply() {
        a.otherwiseRespond(ok(struct("total", 10), 0.79));
        Outcome outcome = run(spec("t-1", "extract").setMode(Mode.PROBABILISTIC), a);
        assertThat(outcome.error().getCode()).isEqualTo("LOW_CONFIDENCE");
        assertThat(a.calls()).isEqualTo(3);

        ScriptedEndpoint c = ScriptedEndpoint.of("c", "extract").otherwiseRespond(ok(struct("total", 10), 0.8));
        assertThat(run(spec("t-2", "extract").setMode(Mode.PROBABILISTIC), c).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void proposalWithoutConfidenceScoresZero() {
        a.otherwiseRespond(ok(struct("total", 10)));
        Outcome outcome = run(task(0.5, 2), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.iterations()).extracting(Iteration::getConfidence).containsOnly(0.0);
    }

    @Test
    void endpointSummaryBecomesTheProposalSummary() {
        a.thenRespond(ok(struct("total", 12), 0.95).toBuilder().setSummary("12 lines, 1,204.50 EUR").build());
        assertThat(run(task(0.9, 3), a).iterations()).extracting(Iteration::getProposalSummary)
                .containsExactly("12 lines, 1,204.50 EUR");
    }

    @Test
    void endpointFailureMovesToTheNextEndpoint() {
        a.thenFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("total", 12), 0.95));
        Outcome outcome = run(task(0.9, 3), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.endpointId()).isEqualTo("b");
        assertThat(outcome.attempts()).extracting(Attempt::getEndpointId).containsExactly("a", "b");
        assertThat(outcome.attempts().get(0).getOutcome()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.iterations()).as("a failed call is not a proposal").hasSize(1);
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.request(0).getIteration()).isZero();
    }

    @Test
    void nextEndpointContinuesFromThePreviousProposal() {
        a.thenRespond(ok(struct("total", 10), 0.5)).thenFail("UNAVAILABLE", true);
        b.thenRespond(ok(struct("total", 12), 0.95));
        Outcome outcome = run(task(0.9, 3), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(outcome.endpointId()).isEqualTo("b");
        assertThat(outcome.iterations()).hasSize(2);
        InvokeRequest handedOver = b.request(0);
        assertThat(handedOver.getIteration()).isEqualTo(1);
        assertThat(handedOver.getPreviousOutputs()).isEqualTo(struct("total", 10));
        assertThat(handedOver.getFeedbackList()).extracting(Finding::getRule).containsExactly("confidence_threshold");
    }

    @Test
    void whenEveryEndpointFailsTheTaskFailsWithTheLastError() {
        a.thenFail("UNAVAILABLE", true);
        b.thenFail("QUOTA_EXCEEDED", false);
        Outcome outcome = run(task(0.9, 3), a, b);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(outcome.iterations()).isEmpty();
        assertThat(outcome.attempts()).hasSize(2);
    }

    @Test
    void whenTheEndpointsRunOutBeforeMaxIterationsTheLastErrorIsReportedWithTheBestProposal() {
        a.thenRespond(ok(struct("total", 10), 0.5)).thenFail("UNAVAILABLE", true);
        Outcome outcome = run(task(0.9, 5), a);
        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.error().getCode()).isEqualTo("UNAVAILABLE");
        assertThat(outcome.error().getRetryable()).isTrue();
        assertThat(outcome.outputs()).isEqualTo(struct("total", 10));
    }

    @Test
    void runningOutOfTimeGivesTimedOutWithTheBestProposal() {
        a.thenRespond(ok(struct("total", 10), 0.5)).thenBlock();
        // Long enough for the first proposal even on a loaded machine; the second call blocks until it passes.
        Outcome outcome = strategy.run(Fixtures.context(task(0.9, 5), Deadline.after(1, TimeUnit.SECONDS)),
                new RoutePlan(List.of(a)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outcome.error().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(outcome.outputs()).isEqualTo(struct("total", 10));
        assertThat(outcome.iterations()).hasSize(1);
    }

    @Test
    void runningOutOfTimeWithAFallbackLeftGivesTimedOut() {
        a.thenBlock();
        Outcome outcome = strategy.run(Fixtures.context(task(0.9, 5), Deadline.after(200, TimeUnit.MILLISECONDS)),
                new RoutePlan(List.of(a, b)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(b.calls()).isZero();
    }

    @Test
    void alreadyExpiredDeadlineCallsNoEndpoint() {
        Outcome outcome = strategy.run(Fixtures.context(task(0.9, 5), Deadline.after(-1, TimeUnit.SECONDS)),
                new RoutePlan(List.of(a)));
        assertThat(outcome.status()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(a.calls()).isZero();
    }
}
