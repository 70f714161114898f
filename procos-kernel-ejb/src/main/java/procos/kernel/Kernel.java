package procos.kernel;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.KernelSettings;
import procos.kernel.config.KernelConfiguration;
import procos.kernel.deploy.BpmnDeployer;
import procos.kernel.deploy.DeploymentReport;
import procos.kernel.deploy.ProcessResources;
import procos.kernel.engine.EngineBootstrap;
import procos.kernel.engine.RunningEngine;
import procos.kernel.metrics.KernelMetrics;
import procos.kernel.monitor.EngineMonitor;
import procos.kernel.pde.PdeRuntime;
import procos.kernel.monitor.EngineSnapshot;
import procos.kernel.root.RootProcessStarter;
import procos.kernel.security.IdentityBootstrap;
import procos.kernel.security.MetricsCredentials;
import procos.logging.SecretRedactor;
import procos.pde.dispatch.WorkSignal;
import procos.logging.StructuredLogger;

/**
 * The microkernel: boots the platform when the application starts and stops it when the
 * application stops. Boot runs the phases in order — validate configuration, start the engine,
 * deploy the BPMN set, make sure the root orchestrator runs, monitor — logging one event per phase.
 * A phase that fails leaves the kernel in {@link KernelPhase#FAILED} with the reasons in its
 * status (and so in {@code /health/ready}); the server itself keeps running.
 *
 * <p>Bean-managed concurrency: health checks and APIs read {@link #status()} at any time and must
 * never queue behind a boot or a monitor tick.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Kernel {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");

    @Inject
    KernelMetrics metrics;

    @Inject
    KernelConfiguration configuration;

    @Resource
    TimerService timerService;

    private volatile KernelStatus status = KernelStatus.initial();
    private volatile KernelSettings settings;
    private volatile RunningEngine engine;
    private volatile PdeRuntime pdes;
    private final WorkSignal externalTaskCommitted = new WorkSignal();
    private volatile EngineMonitor monitor;
    private volatile Instant lastMonitorTick;

    @PostConstruct
    void boot() {
        LOG.info("kernel_booting").log();
        try {
            settings = phase(KernelPhase.VALIDATING_CONFIG, configuration::settings);
            status = status.withDatabase(describeDatabase(settings));
            engine = phase(KernelPhase.STARTING_ENGINE, () -> EngineBootstrap.startWithCdi(settings, metrics, externalTaskCommitted));
            metrics.watchConnections(engine::connectionsInUse, engine::connectionsIdle);
            phase(KernelPhase.SECURING, this::secure);
            DeploymentReport report = phase(KernelPhase.DEPLOYING, this::deployProcesses);
            pdes = phase(KernelPhase.STARTING_PDES, () -> PdeRuntime.start(settings, engine.engine(), externalTaskCommitted,
                    (task, result) -> metrics.pdeTaskFinished(result.getStatus().name().toLowerCase())));
            metrics.watchDispatch(pdes::tasksInFlight, pdes::tasksLocked);
            String rootId = phase(KernelPhase.STARTING_ROOT,
                    () -> new RootProcessStarter(engine.engine().getRuntimeService(),
                            engine.engine().getRepositoryService()).ensureRunning());
            status = status.withRoot(rootId);
            monitor = new EngineMonitor(engine.engine());
            monitorTick();
            timerService.createIntervalTimer(settings.monitorInterval().toMillis(), settings.monitorInterval().toMillis(),
                    new TimerConfig("procos-engine-monitor", false));
            status = status.withPhase(KernelPhase.MONITORING);
            metrics.kernelReady(report.allDeployed());
            LOG.info("kernel_ready")
                    .durationMs(status.bootMs())
                    .with("phases_ms", status.bootPhasesMs())
                    .with("processes_deployed", report.processCount())
                    .with("processes_failed", report.failed().size())
                    .with("root_instance_id", rootId)
                    .log();
        } catch (BootFailure failure) {
            status = status.failed(failure.phase, failure.reasons);
            LOG.error("kernel_boot_failed")
                    .with("phase", failure.phase.eventName())
                    .with("problems", failure.reasons)
                    .log();
        }
    }

    @PreDestroy
    void shutdown() {
        long started = System.nanoTime();
        status = status.withPhase(KernelPhase.STOPPING);
        metrics.kernelReady(false);
        LOG.info("kernel_stopping").with("shutdown_timeout_ms", settings == null ? 0 : settings.shutdownTimeout().toMillis()).log();
        for (Timer timer : timerService.getTimers()) {
            timer.cancel();
        }
        if (pdes != null) {
            pdes.stop(settings.shutdownTimeout());
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                LOG.error("engine_close_failed").error(e).log();
            }
        }
        status = status.withPhase(KernelPhase.STOPPED);
        LOG.info("kernel_stopped").durationSince(started).log();
    }

    /** Reads the engine's state on a schedule; counts go to metrics, changes to the log. */
    @Timeout
    void monitorTick() {
        if (monitor == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            EngineSnapshot previous = status.lastSnapshot();
            EngineSnapshot snapshot = monitor.snapshot();
            status = status.withSnapshot(snapshot);
            lastMonitorTick = snapshot.takenAt();
            metrics.monitored(snapshot, Duration.ofNanos(System.nanoTime() - started));
            if (pdes != null) {
                metrics.routing(pdes.routing());
            }
            if (!snapshot.sameCountsAs(previous)) {
                LOG.info("engine_snapshot")
                        .durationSince(started)
                        .with("incidents_open", snapshot.openIncidents())
                        .with("jobs_executable", snapshot.executableJobs())
                        .with("jobs_failed", snapshot.failedJobs())
                        .with("instances_active", snapshot.activeInstances())
                        .with("external_tasks_open", snapshot.openExternalTasks())
                        .log();
            }
        } catch (RuntimeException e) {
            LOG.error("monitor_failed").error(e).durationSince(started).log();
        }
    }

    /** The current picture; never blocks. */
    public KernelStatus status() {
        return status;
    }

    /** Validated settings; null until configuration validation has passed. */
    public KernelSettings settings() {
        return settings;
    }

    public Optional<RunningEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /** This server's PDEs: endpoints, pipeline, dispatcher; empty until they started. */
    public Optional<PdeRuntime> pdes() {
        return Optional.ofNullable(pdes);
    }

    /** When the monitor last read the engine; empty before the first tick. */
    public Optional<Instant> lastMonitorTick() {
        return Optional.ofNullable(lastMonitorTick);
    }

    /** Credentials live in the server's working directory (its output directory), beside the gRPC token. */
    private Void secure() throws IOException {
        Path serverDirectory = Path.of("");
        new IdentityBootstrap(engine.engine()).ensure(settings.security(), serverDirectory);
        MetricsCredentials.ensure(settings.security(), serverDirectory);
        return null;
    }

    /**
     * Deploys the BPMN set again (the shipped files and the processes folder), as boot does: unchanged
     * files store nothing, a changed file becomes a new version, a broken one is refused alone.
     *
     * @throws IllegalStateException when the kernel is not running (booting, failed or stopping)
     */
    public DeploymentReport redeployProcesses() {
        KernelPhase phase = status.phase();
        if (phase != KernelPhase.MONITORING || engine == null) {
            throw new IllegalStateException("the kernel is not running (phase " + phase.name() + "); nothing was deployed");
        }
        return deployProcesses();
    }

    private DeploymentReport deployProcesses() {
        Map<String, byte[]> resources = ProcessResources.processSet(Kernel.class.getClassLoader(), settings.extraProcessesDir());
        DeploymentReport report = new BpmnDeployer(engine.engine().getRepositoryService(), metrics::bpmnDeployed)
                .deploy(resources);
        status = status.withDeployment(report);
        LOG.info("bpmn_set_deployed")
                .with("deployed", report.deployed())
                .with("unchanged", report.unchanged().size())
                .with("failed", report.failed().stream().map(DeploymentReport.Failure::toString).toList())
                .log();
        return report;
    }

    /** Runs one boot phase: one lifecycle event, its duration recorded, any failure turned into reasons. */
    private <T> T phase(KernelPhase phase, PhaseWork<T> work) throws BootFailure {
        status = status.withPhase(phase);
        long started = System.nanoTime();
        try {
            T result = work.run();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            status = status.withPhaseTime(phase, millis);
            metrics.bootPhase(phase.eventName(), Duration.ofNanos(System.nanoTime() - started));
            LOG.info("kernel_phase_done").with("phase", phase.eventName()).durationMs(millis).log();
            return result;
        } catch (InvalidSettingsException e) {
            throw new BootFailure(phase, e.problems().stream().map(Object::toString).map(SecretRedactor::redactText).toList());
        } catch (Exception e) {
            throw new BootFailure(phase, List.of(SecretRedactor.redactText(reason(phase, e))));
        }
    }

    private String reason(KernelPhase phase, Exception e) {
        String cause = rootCause(e);
        return switch (phase) {
            case STARTING_ENGINE -> "engine could not start on " + status.database() + ": " + cause;
            case STARTING_ROOT -> "root orchestrator '" + RootProcessStarter.PROCESS_KEY + "' could not start: " + cause;
            default -> phase.eventName() + " failed: " + cause;
        };
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return cause == e ? message : e.getMessage() + " (cause: " + cause.getClass().getSimpleName() + ": " + message + ")";
    }

    private static String describeDatabase(KernelSettings settings) {
        return settings.databaseKind().name().toLowerCase() + " " + SecretRedactor.redactText(settings.databaseUrl());
    }

    @FunctionalInterface
    private interface PhaseWork<T> {
        T run() throws Exception;
    }

    /** A boot phase that could not complete, with every reason an operator needs. */
    private static final class BootFailure extends Exception {
        final KernelPhase phase;
        final List<String> reasons;

        BootFailure(KernelPhase phase, List<String> reasons) {
            super(phase + ": " + reasons);
            this.phase = phase;
            this.reasons = reasons;
        }
    }
}
