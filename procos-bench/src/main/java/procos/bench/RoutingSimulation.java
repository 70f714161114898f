package procos.bench;

import io.grpc.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.GatewayBlock;
import procos.pde.pipeline.TaskContext;
import procos.pde.pipeline.TestReport;
import procos.pde.pool.ConfiguredTaskRules;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PoolConfig;
import procos.pde.pool.RouterConfig;
import procos.pde.pool.RoutingRule;
import procos.pde.routing.Router;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Mode;
import procos.pde.v1.PdeType;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/**
 * Learned against static routing, in simulated time: the real Gateway, policies, learner, scores
 * and circuit breakers, with endpoints whose behaviour is scripted and shifts half-way. Each task
 * gets a one-second budget; the plan's endpoints are tried in order, once each (no retries), until
 * one answers or the budget is spent — a failing endpoint usually fails slowly (it times out), so a
 * bad primary costs the fallback its time. Tasks arrive every {@value #ARRIVAL_MS} ms of simulated
 * time, which is what decay and circuit cool-downs count. Same seed, same figures.
 *
 * <p>The scenario: {@code primary} is the best endpoint until the shift, then answers only 60 % of
 * the time and slowly; {@code steady} is a little less reliable and slower than the early primary
 * throughout; {@code quick} is fast but fails one call in ten.
 */
final class RoutingSimulation {

    static final String TASK_TYPE = "extract";
    static final long BUDGET_MS = 1000;
    static final long ARRIVAL_MS = 100;

    private final int tasks;
    private final long seed;

    RoutingSimulation(int tasks, long seed) {
        this.tasks = tasks;
        this.seed = seed;
    }

    /** The figures of one policy over the whole run. */
    record Result(String policy, int tasks, double successRate, double successBeforeShift, double successAfterShift,
                  long p50Ms, long p95Ms, Map<String, Double> firstChoiceShare) {
    }

    static List<SimulatedEndpoint> endpoints() {
        return List.of(
                new SimulatedEndpoint("primary", TASK_TYPE,
                        new SimulatedEndpoint.Behaviour(0.98, 80, 300),
                        new SimulatedEndpoint.Behaviour(0.60, 400, 900)),
                new SimulatedEndpoint("steady", TASK_TYPE, new SimulatedEndpoint.Behaviour(0.95, 150, 300)),
                new SimulatedEndpoint("quick", TASK_TYPE, new SimulatedEndpoint.Behaviour(0.90, 60, 200)));
    }

    Result run(RouterConfig.Policy policy) {
        List<SimulatedEndpoint> endpoints = endpoints();
        EndpointRegistry registry = new EndpointRegistry();
        endpoints.forEach(registry::register);
        List<String> ids = endpoints.stream().map(Endpoint::id).toList();
        SimulatedClock clock = new SimulatedClock();
        Router router = Router.create(routerConfig(policy), registry, clock, new Random(seed));
        GatewayBlock gateway = new GatewayBlock(new ConfiguredTaskRules(config(ids)), router.policy());
        // The endpoints' own dice are the same for both policies, so they face the same luck.
        Random dice = new Random(seed ^ 0x5DEECE66DL);

        long[] latencies = new long[tasks];
        int[] succeeded = new int[2];
        Map<String, Integer> firstChoice = new LinkedHashMap<>();
        ids.forEach(id -> firstChoice.put(id, 0));
        for (int i = 0; i < tasks; i++) {
            int phase = i < tasks / 2 ? 0 : 1;
            List<Endpoint> plan = gateway.route(context(i), new TestReport(new ArrayList<>(endpoints), List.of())).endpoints();
            firstChoice.merge(plan.get(0).id(), 1, Integer::sum);
            TaskResult result = play(plan, phase, dice);
            router.learner().learn(TASK_TYPE, result);
            latencies[i] = result.getElapsedMs();
            if (result.getStatus() == TaskStatus.SUCCEEDED) {
                succeeded[phase]++;
            }
            clock.advance(ARRIVAL_MS);
        }
        router.close();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<String, Double> shares = new LinkedHashMap<>();
        firstChoice.forEach((id, count) -> shares.put(id, (double) count / tasks));
        int half = tasks / 2;
        return new Result(policy.yamlName(), tasks, (double) (succeeded[0] + succeeded[1]) / tasks,
                (double) succeeded[0] / half, (double) succeeded[1] / (tasks - half),
                percentile(sorted, 0.50), percentile(sorted, 0.95), shares);
    }

    /** Tries the plan in order, once per endpoint, within the budget. */
    private static TaskResult play(List<Endpoint> plan, int phase, Random dice) {
        TaskResult.Builder result = TaskResult.newBuilder().setStatus(TaskStatus.TIMED_OUT);
        long elapsed = 0;
        for (Endpoint endpoint : plan) {
            long left = BUDGET_MS - elapsed;
            if (left <= 0) {
                break;
            }
            SimulatedEndpoint.Played played = ((SimulatedEndpoint) endpoint).attempt(phase, dice);
            long took = Math.min(played.elapsedMs(), left);
            elapsed += took;
            Attempt.Builder attempt = Attempt.newBuilder().setEndpointId(endpoint.id()).setElapsedMs(took);
            if (played.succeeded() && played.elapsedMs() <= left) {
                result.addAttempts(attempt.setOutcome(TaskStatus.SUCCEEDED));
                return result.setStatus(TaskStatus.SUCCEEDED).setEndpointId(endpoint.id()).setElapsedMs(elapsed).build();
            }
            boolean timedOut = played.elapsedMs() > left;
            result.addAttempts(attempt.setOutcome(timedOut ? TaskStatus.TIMED_OUT : TaskStatus.FAILED)
                    .setError(ErrorDetail.newBuilder().setCode(timedOut ? "DEADLINE_EXCEEDED" : "UNAVAILABLE")));
        }
        return result.setElapsedMs(elapsed).build();
    }

    private static RouterConfig routerConfig(RouterConfig.Policy policy) {
        // A 30 s half-life is 300 tasks here: long enough to trust a record, short enough to notice the shift.
        return new RouterConfig(policy, Duration.ofHours(1), Optional.empty(), Duration.ofHours(1), Duration.ofSeconds(30),
                RouterConfig.DEFAULT.latencyWeight(), RouterConfig.CircuitConfig.DEFAULT);
    }

    private static PdeManagerConfig config(List<String> ids) {
        return new PdeManagerConfig("simulation",
                List.of(new PoolConfig(PdeType.GENERAL_PURPOSE, 1, 1, ids, List.of(TASK_TYPE))),
                List.of(), List.of(), List.of(new RoutingRule(TASK_TYPE, ids)), List.of());
    }

    private static TaskContext context(int index) {
        TaskSpec spec = TaskSpec.newBuilder().setTaskId("sim-" + index).setTaskType(TASK_TYPE).build();
        return new TaskContext(spec, Mode.DETERMINISTIC, Deadline.after(1, TimeUnit.HOURS), System.nanoTime(), "simulation");
    }

    private static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Simulated time: moves only when the simulation advances it. */
    private static final class SimulatedClock implements InstantSource {
        private long millis = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        void advance(long ms) {
            millis += ms;
        }
    }
}
