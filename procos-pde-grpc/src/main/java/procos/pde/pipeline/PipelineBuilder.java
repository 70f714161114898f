package procos.pde.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import procos.pde.endpoint.EndpointRegistry;

/** Assembles a {@link Pipeline} with sensible defaults; every block stays replaceable in tests. */
public final class PipelineBuilder {

    private final EndpointRegistry endpoints;
    private String pdeId = "pde";
    private TaskRules rules = TaskRules.NONE;
    private Duration defaultTimeout = Duration.ofSeconds(30);
    private Duration healthMaxAge = Duration.ofSeconds(1);
    private Duration firstBackoff = Duration.ofMillis(20);
    private int maxInputBytes = 4 * 1024 * 1024;
    private int cacheEntries = 10_000;
    private Duration cacheTtl = Duration.ofMinutes(10);
    private ExecutorService endpointExecutor;
    private HealthProbe health;
    private RoutingPolicy routingPolicy;
    private final List<TaskListener> listeners = new ArrayList<>();

    public PipelineBuilder(EndpointRegistry endpoints) {
        this.endpoints = endpoints;
    }

    public PipelineBuilder pdeId(String id) {
        this.pdeId = id;
        return this;
    }

    public PipelineBuilder rules(TaskRules taskRules) {
        this.rules = taskRules;
        return this;
    }

    public PipelineBuilder defaultTimeout(Duration timeout) {
        this.defaultTimeout = timeout;
        return this;
    }

    public PipelineBuilder firstBackoff(Duration backoff) {
        this.firstBackoff = backoff;
        return this;
    }

    public PipelineBuilder maxInputBytes(int bytes) {
        this.maxInputBytes = bytes;
        return this;
    }

    /** Threads endpoint calls run on; by default a cached pool of daemon threads. */
    public PipelineBuilder endpointExecutor(ExecutorService executor) {
        this.endpointExecutor = executor;
        return this;
    }

    /** Where endpoint health is read; by default a probe that checks on the task path, readings kept 1 s. */
    public PipelineBuilder health(HealthProbe probe) {
        this.health = probe;
        return this;
    }

    /** How the Gateway orders candidates; by default {@link StaticPriorityPolicy} over the pipeline's health probe. */
    public PipelineBuilder routingPolicy(RoutingPolicy policy) {
        this.routingPolicy = policy;
        return this;
    }

    public PipelineBuilder listener(TaskListener listener) {
        listeners.add(listener);
        return this;
    }

    public Pipeline build() {
        HealthProbe health = this.health != null ? this.health : new HealthProbe(healthMaxAge);
        RoutingPolicy policy = routingPolicy != null ? routingPolicy : new StaticPriorityPolicy(health);
        ValidateBlock validate = new ValidateBlock(rules);
        EndpointCall call = new EndpointCall(endpointExecutor != null ? endpointExecutor : Executors.newCachedThreadPool(daemonThreads()));
        ResultCache cache = new ResultCache(cacheEntries, cacheTtl);
        return new Pipeline(
                new StartBlock(pdeId, defaultTimeout),
                new TestBlock(endpoints, rules, health, maxInputBytes),
                new GatewayBlock(rules, policy),
                new DeterministicStrategy(call, validate, health, firstBackoff),
                new ProbabilisticStrategy(call, validate, health),
                new CompleteBlock(rules, cache, listeners),
                cache);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "procos-endpoint-call");
            thread.setDaemon(true);
            return thread;
        };
    }
}
