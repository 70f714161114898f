package procos.kernel.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import procos.kernel.engine.EngineEvents;
import procos.kernel.monitor.EngineSnapshot;
import procos.pde.routing.CircuitStatus;
import procos.pde.routing.RoutingSnapshot;
import procos.pde.routing.ScoreView;

/**
 * The platform's metrics, served by the server in Prometheus format on {@code /metrics}. One place
 * names them all, so dashboards have one file to read.
 */
@ApplicationScoped
public class KernelMetrics implements EngineEvents {

    /** Outcomes a PDE task can end in; each gets its own {@code pde_tasks_total} series. */
    public static final String[] PDE_TASK_STATUSES = {"succeeded", "failed", "bpmn_error", "timed_out", "rejected"};

    @Inject
    MetricRegistry registry;

    private final AtomicReference<EngineSnapshot> lastSnapshot = new AtomicReference<>(EngineSnapshot.none());
    private volatile boolean ready;
    private final AtomicReference<Map<String, ScoreView>> routingScores = new AtomicReference<>(Map.of());
    private final AtomicReference<Map<String, CircuitStatus>> routingCircuits = new AtomicReference<>(Map.of());
    private final Set<String> knownPairs = ConcurrentHashMap.newKeySet();
    private final Set<String> knownCircuits = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void register() {
        registry.counter("bpmn_deploys");
        registry.counter("process_starts");
        registry.counter("incidents");
        for (String status : PDE_TASK_STATUSES) {
            registry.counter("pde_tasks", new Tag("status", status));
        }
        registry.gauge("kernel_ready", this, metrics -> metrics.ready ? 1 : 0);
        registry.gauge("engine_incidents_open", lastSnapshot, s -> s.get().openIncidents());
        registry.gauge("engine_jobs_executable", lastSnapshot, s -> s.get().executableJobs());
        registry.gauge("engine_jobs_failed", lastSnapshot, s -> s.get().failedJobs());
        registry.gauge("engine_process_instances_active", lastSnapshot, s -> s.get().activeInstances());
        registry.gauge("engine_external_tasks_open", lastSnapshot, s -> s.get().openExternalTasks());
    }

    public void bpmnDeployed() {
        registry.counter("bpmn_deploys").inc();
    }

    @Override
    public void processStarted(String processDefinitionKey) {
        registry.counter("process_starts").inc();
    }

    @Override
    public void incidentRaised(String incidentType) {
        registry.counter("incidents").inc();
    }

    public void pdeTaskFinished(String status) {
        registry.counter("pde_tasks", new Tag("status", status)).inc();
    }

    /**
     * Live gauges of the PDE dispatcher: tasks running on a pool slot, and tasks locked in the engine
     * by this node (running, prefetched and waiting for a slot, or being reported).
     */
    public void watchDispatch(IntSupplier running, IntSupplier locked) {
        registry.gauge("pde_tasks_running", running, IntSupplier::getAsInt);
        registry.gauge("pde_tasks_locked", locked, IntSupplier::getAsInt);
    }

    /**
     * Live gauges of the engine's database connection pool (Camunda's own, up to 32): connections in
     * use and connections open but idle. Their sum is what the engine holds open in the database.
     */
    public void watchConnections(IntSupplier inUse, IntSupplier idle) {
        registry.gauge("engine_db_connections_active", inUse, IntSupplier::getAsInt);
        registry.gauge("engine_db_connections_idle", idle, IntSupplier::getAsInt);
    }

    /** Time one kernel boot phase took. */
    public void bootPhase(String phase, Duration took) {
        registry.timer("kernel_boot_phase", new Tag("phase", phase)).update(took);
    }

    /** Time one monitor scan took, and the counts it found. */
    public void monitored(EngineSnapshot snapshot, Duration took) {
        lastSnapshot.set(snapshot);
        registry.timer("kernel_monitor_scan").update(took);
    }

    /**
     * Publishes what the PDE router has learned: per (task type, endpoint) the expected chance of
     * success, mean latency and samples, and per endpoint its circuit (0 closed, 1 half-open, 2 open).
     * Pairs appear as tasks run, so each is registered the first time it is seen; the gauges read
     * the latest snapshot.
     */
    public void routing(RoutingSnapshot snapshot) {
        Map<String, ScoreView> scores = new HashMap<>();
        snapshot.scores().forEach(score -> scores.put(pairKey(score.taskType(), score.endpointId()), score));
        routingScores.set(scores);
        routingCircuits.set(snapshot.circuits());
        for (ScoreView score : snapshot.scores()) {
            String key = pairKey(score.taskType(), score.endpointId());
            if (knownPairs.add(key)) {
                Tag[] tags = {new Tag("task_type", score.taskType()), new Tag("endpoint", score.endpointId())};
                registry.gauge("pde_routing_expected_success", routingScores,
                        r -> r.get().containsKey(key) ? r.get().get(key).expectedSuccess() : 0.0, tags);
                registry.gauge("pde_routing_mean_elapsed_ms", routingScores,
                        r -> r.get().containsKey(key) ? r.get().get(key).meanElapsedMs().orElse(0) : 0.0, tags);
                registry.gauge("pde_routing_samples", routingScores,
                        r -> r.get().containsKey(key) ? r.get().get(key).samples() : 0L, tags);
            }
        }
        for (String endpoint : snapshot.circuits().keySet()) {
            if (knownCircuits.add(endpoint)) {
                registry.gauge("pde_circuit_state", routingCircuits, c -> circuitLevel(c.get().get(endpoint)),
                        new Tag("endpoint", endpoint));
            }
        }
    }

    private static String pairKey(String taskType, String endpoint) {
        return taskType + '\u0000' + endpoint;
    }

    private static int circuitLevel(CircuitStatus circuit) {
        if (circuit == null) {
            return 0;
        }
        return switch (circuit.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    public void kernelReady(boolean isReady) {
        this.ready = isReady;
    }
}
