package procos.pde.routing;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.pipeline.HealthProbe;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.RoutingPolicy;
import procos.pde.pipeline.StaticPriorityPolicy;
import procos.pde.pool.RouterConfig;

/**
 * The Router of a PDE, assembled from the {@code router} section of the configuration: the health
 * probe the pipeline reads and the background prober that keeps it fresh, the circuit breakers, the
 * learned scores with their learner and their file, and the routing policy the Gateway uses
 * ({@code learned} or {@code static}; both keep learning, so switching policy loses nothing).
 *
 * <p>Lifecycle: {@link #create} loads saved scores, {@link #start} begins probing and periodic
 * saving, {@link #close} stops both and saves once more.
 */
public final class Router implements AutoCloseable {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("pde.routing");

    private final RouterConfig config;
    private final HealthProbe health;
    private final HealthMonitor monitor;
    private final ScoreBoard scores;
    private final CircuitBreakers circuits;
    private final RoutingLearner learner;
    private final RoutingPolicy policy;
    private final Optional<ScoreStore> store;
    private ScheduledExecutorService saver;

    private Router(RouterConfig config, EndpointRegistry endpoints, InstantSource clock, RandomGenerator random) {
        this.config = config;
        // Readings live three probe intervals: the task path checks health itself only if the prober stalls.
        this.health = new HealthProbe(max(config.healthInterval().multipliedBy(3), Duration.ofSeconds(1)));
        this.monitor = new HealthMonitor(endpoints, health, config.healthInterval());
        this.scores = new ScoreBoard(config.halfLife(), clock);
        this.circuits = new CircuitBreakers(config.circuit(), clock);
        this.learner = new RoutingLearner(scores, circuits);
        this.policy = config.policy() == RouterConfig.Policy.STATIC
                ? new StaticPriorityPolicy(health)
                : new LearnedRoutingPolicy(scores, circuits, health, random, config.latencyWeight());
        this.store = config.stateFile().map(file -> new ScoreStore(file, clock));
        store.ifPresent(s -> scores.restore(s.load()));
    }

    /** A router on the system clock, exploring with an unseeded generator. */
    public static Router create(RouterConfig config, EndpointRegistry endpoints) {
        return new Router(config, endpoints, InstantSource.system(), new Random());
    }

    /** A router on the given clock and generator: simulated time and reproducible choices. */
    public static Router create(RouterConfig config, EndpointRegistry endpoints, InstantSource clock, RandomGenerator random) {
        return new Router(config, endpoints, clock, random);
    }

    /** Starts the background health probe and, with a state file, periodic saving. */
    public synchronized Router start() {
        monitor.start();
        if (store.isPresent() && saver == null) {
            saver = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("procos-routing-save"));
            long every = config.saveInterval().toMillis();
            saver.scheduleWithFixedDelay(this::save, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("router_started").with("policy", config.policy().yamlName())
                .with("health_interval_ms", config.healthInterval().toMillis())
                .with("state_file", store.map(s -> s.file().toString()).orElse("none"))
                .with("scores_loaded", scores.states().size()).log();
        return this;
    }

    /** Makes {@code builder}'s pipeline route with this router and feed its learner. */
    public PipelineBuilder configure(PipelineBuilder builder) {
        return builder.health(health).routingPolicy(policy).listener(learner);
    }

    public RoutingPolicy policy() {
        return policy;
    }

    public RoutingLearner learner() {
        return learner;
    }

    public HealthProbe health() {
        return health;
    }

    /** Everything learned and every circuit, now. */
    public RoutingSnapshot snapshot() {
        return new RoutingSnapshot(config.policy().yamlName(), scores.views(), circuits.statuses());
    }

    /** Writes the scores to the state file, if there is one. */
    public void save() {
        store.ifPresent(s -> s.save(scores.states()));
    }

    /** Stops probing and saving, then saves what was learned. */
    @Override
    public synchronized void close() {
        monitor.close();
        if (saver != null) {
            saver.shutdownNow();
        }
        save();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
