package procos.pde.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.pde.pipeline.Fixtures.ok;
import static procos.pde.pipeline.Fixtures.request;
import static procos.pde.pipeline.Fixtures.spec;
import static procos.pde.pipeline.Fixtures.struct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.grpc.PdeDescriber;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.Pipeline;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.ScriptedEndpoint;
import procos.pde.pipeline.ScriptedRules;
import procos.pde.pool.RouterConfig;
import procos.pde.routing.CircuitBreaker.State;
import procos.pde.v1.Attempt;
import procos.pde.v1.CircuitState;
import procos.pde.v1.EndpointInfo;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeType;
import procos.pde.v1.RoutingScore;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/** The router wired into a real pipeline: Gateway orders by it, Complete feeds it, Describe shows it. */
class RouterTest {


    private final ManualClock clock = new ManualClock();
    private final ScriptedEndpoint primary = ScriptedEndpoint.of("primary", "extract").otherwiseFail("UNAVAILABLE", false);
    private final ScriptedEndpoint fallback = ScriptedEndpoint.of("fallback", "extract").otherwiseRespond(ok(struct("text", "done")));
    private final EndpointRegistry registry = new EndpointRegistry().register(primary).register(fallback);
    private final ScriptedRules rules = new ScriptedRules().route("extract", "primary", "fallback");
    @RegisterExtension
    final CapturedLog log = new CapturedLog();
    private Router router;

    @AfterEach
    void tearDown() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void learnedRoutingMovesTasksOffAFailingPrimary() throws InvalidTaskException {
        Pipeline pipeline = pipeline(RouterConfig.Policy.LEARNED);

        List<TaskResult> results = run(pipeline, 40);

        assertThat(results).allMatch(result -> result.getStatus() == TaskStatus.SUCCEEDED);
        assertThat(primary.calls()).as("tries of the failing primary").isLessThan(8);
        assertThat(results.subList(20, 40)).allSatisfy(result ->
                assertThat(result.getAttemptsList()).extracting(Attempt::getEndpointId).containsExactly("fallback"));
    }

    @Test
    void staticRoutingKeepsTheRuleOrderWhileTheRouterStillLearnsAndShowsIt() throws InvalidTaskException {
        Pipeline pipeline = pipeline(RouterConfig.Policy.STATIC);

        List<TaskResult> results = run(pipeline, 6);

        assertThat(results).allSatisfy(result ->
                assertThat(result.getAttemptsList()).extracting(Attempt::getEndpointId).containsExactly("primary", "fallback"));
        RoutingSnapshot snapshot = router.snapshot();
        assertThat(snapshot.policy()).isEqualTo("static");
        assertThat(snapshot.circuits().get("primary").state()).isEqualTo(State.OPEN);
        assertThat(snapshot.circuits().get("fallback").state()).isEqualTo(State.CLOSED);

        PdeDescription description = PdeDescriber.describe("pde-1", PdeType.GENERAL_PURPOSE, registry, snapshot);
        assertThat(description.getRoutingPolicy()).isEqualTo("static");
        assertThat(description.getEndpointsList()).extracting(info -> info.getCircuit().getState())
                .containsExactly(CircuitState.CIRCUIT_OPEN, CircuitState.CIRCUIT_CLOSED);
        EndpointInfo primaryInfo = description.getEndpoints(0);
        assertThat(primaryInfo.getCircuit().getConsecutiveFailures()).isEqualTo(6);
        assertThat(primaryInfo.getCircuit().getRetryAt().getSeconds())
                .isEqualTo(clock.instant().plus(RouterConfig.CircuitConfig.DEFAULT.coolDown()).getEpochSecond());
        assertThat(description.getRoutingScoresList()).extracting(RoutingScore::getEndpointId).containsExactly("fallback", "primary");
        RoutingScore fallbackScore = description.getRoutingScores(0);
        assertThat(fallbackScore.getTaskType()).isEqualTo("extract");
        assertThat(fallbackScore.getSamples()).isEqualTo(6);
        assertThat(fallbackScore.getSuccessRate()).isEqualTo(1.0);
        assertThat(fallbackScore.getScore()).isEqualTo(7.0 / 8);
        assertThat(description.getRoutingScores(1).getDecayedFailures()).isEqualTo(6.0);
    }

    @Test
    void anUnhealthyEndpointFoundByTheBackgroundProbeGetsNoTasks() throws InvalidTaskException {
        Pipeline pipeline = pipeline(RouterConfig.Policy.LEARNED);
        primary.unhealthy("maintenance");
        router.start();
        // The probe ran at start; readings now outlive the test, so only the background probe set this one.
        assertThat(router.health().usable(primary)).isFalse();
        int healthChecksBefore = primary.healthChecks();

        List<TaskResult> results = run(pipeline, 5);

        assertThat(results).allSatisfy(result ->
                assertThat(result.getAttemptsList()).extracting(Attempt::getEndpointId).containsExactly("fallback"));
        assertThat(primary.calls()).isZero();
        assertThat(primary.healthChecks()).as("no health check on the task path").isEqualTo(healthChecksBefore);
    }

    private Pipeline pipeline(RouterConfig.Policy policy) {
        RouterConfig config = new RouterConfig(policy, Duration.ofHours(1), Optional.empty(), Duration.ofMinutes(1),
                Duration.ofMinutes(10), 0.1, RouterConfig.CircuitConfig.DEFAULT);
        router = Router.create(config, registry, clock, new Random(2024));
        return router.configure(new PipelineBuilder(registry)).rules(rules).firstBackoff(Duration.ofMillis(1)).build();
    }

    private static List<TaskResult> run(Pipeline pipeline, int tasks) throws InvalidTaskException {
        List<TaskResult> results = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            results.add(pipeline.execute(request(spec("task-" + i, "extract"))));
        }
        return results;
    }
}
