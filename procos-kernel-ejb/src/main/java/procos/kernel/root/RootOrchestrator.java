package procos.kernel.root;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.KernelConfiguration;
import procos.kernel.config.KernelSettings;
import procos.logging.StructuredLogger;

/**
 * The work behind the root orchestrator's tasks, resolved by name from {@code root_peo.bpmn}.
 * The process decides what happens when; this bean only does each step.
 */
@Named(RootOrchestrator.BEAN_NAME)
@ApplicationScoped
public class RootOrchestrator {

    /** The name BPMN expressions call this bean by; the deployment guard allows it by default. */
    public static final String BEAN_NAME = "rootOrchestrator";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("root_peo");

    @Inject
    KernelConfiguration configuration;

    /** {@code init_env}: records where and on what this platform instance booted. */
    public void initEnvironment(DelegateExecution execution) {
        execution.setVariable("procos_started_at", Instant.now().toString());
        execution.setVariable("java_version", System.getProperty("java.version"));
        execution.setVariable("node", settings().dispatch().workerId());
        execution.setVariable("database", settings().databaseKind().name());
        execution.setVariable("heartbeats", 0L);
        LOG.info("environment_recorded").processInstanceId(execution.getProcessInstanceId())
                .peoId(RootProcessStarter.PROCESS_KEY).with("node", settings().dispatch().workerId()).log();
    }

    /** The timer of {@code idle_monitor}, read on every loop so a changed setting applies after restart. */
    public String idleInterval() {
        return settings().rootIdleInterval().toString();
    }

    /** {@code heartbeat}: proves the engine's job executor is alive and the root is progressing. */
    public void heartbeat(DelegateExecution execution) {
        Object previous = execution.getVariable("heartbeats");
        long beats = (previous instanceof Number number ? number.longValue() : 0L) + 1;
        execution.setVariable("heartbeats", beats);
        execution.setVariable("last_heartbeat", Instant.now().toString());
        LOG.debug("heartbeat").processInstanceId(execution.getProcessInstanceId())
                .peoId(RootProcessStarter.PROCESS_KEY).with("beats", beats).log();
    }

    /**
     * The knowledge folder the {@code on_kernel_boot} event subprocess preloads, or {@code ""} when
     * none is configured ({@code procos.knowledge.dir}).
     */
    public String knowledgeFolder() {
        return settings().knowledgeDir().map(path -> path.toAbsolutePath().toString()).orElse("");
    }

    /** Only reached once the kernel has validated the settings, so they are known to be valid here. */
    private KernelSettings settings() {
        try {
            return configuration.settings();
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
