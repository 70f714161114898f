package procos.kernel.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import procos.kernel.engine.EngineEvents;
import procos.kernel.monitor.EngineSnapshot;

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

    /** Time one kernel boot phase took. */
    public void bootPhase(String phase, Duration took) {
        registry.timer("kernel_boot_phase", new Tag("phase", phase)).update(took);
    }

    /** Time one monitor scan took, and the counts it found. */
    public void monitored(EngineSnapshot snapshot, Duration took) {
        lastSnapshot.set(snapshot);
        registry.timer("kernel_monitor_scan").update(took);
    }

    public void kernelReady(boolean isReady) {
        this.ready = isReady;
    }
}
