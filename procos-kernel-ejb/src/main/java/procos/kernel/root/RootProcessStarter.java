package procos.kernel.root;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import procos.logging.StructuredLogger;

/**
 * Keeps exactly one root orchestrator running: on every boot it finds the instance a previous boot
 * started (it lives in the database) and starts a new one only when none is running. A root that
 * runs an older version of {@code root_peo} than the one just deployed is migrated to it, since the
 * one instance lives across upgrades. Then it tells the root that the kernel booted
 * ({@value #BOOTED_MESSAGE}), which starts the root's boot-time work.
 */
public class RootProcessStarter {

    public static final String PROCESS_KEY = "root_peo";
    public static final String BUSINESS_KEY = "procos-root";
    public static final String BOOTED_MESSAGE = "procos_kernel_booted";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;

    public RootProcessStarter(RuntimeService runtimeService, RepositoryService repositoryService) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
    }

    /** Returns the id of the running root instance, starting one if needed, and signals the boot to it. */
    public String ensureRunning() {
        List<ProcessInstance> running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .orderByProcessInstanceId().asc()
                .list();
        String id;
        if (!running.isEmpty()) {
            if (running.size() > 1) {
                LOG.warn("root_peo_duplicates").with("instances", running.stream().map(ProcessInstance::getId).toList()).log();
            }
            ProcessInstance root = running.get(0);
            id = root.getId();
            migrateToLatest(root);
            LOG.info("root_peo_resumed").processInstanceId(id).peoId(PROCESS_KEY).log();
        } else {
            id = runtimeService.startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY).getId();
            LOG.info("root_peo_started").processInstanceId(id).peoId(PROCESS_KEY).log();
        }
        runtimeService.createMessageCorrelation(BOOTED_MESSAGE).processInstanceId(id).correlateWithResult();
        return id;
    }

    private void migrateToLatest(ProcessInstance root) {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                .latestVersion().singleResult();
        if (latest == null || latest.getId().equals(root.getProcessDefinitionId())) {
            return;
        }
        try {
            MigrationPlan plan = runtimeService.createMigrationPlan(root.getProcessDefinitionId(), latest.getId())
                    .mapEqualActivities().updateEventTriggers().build();
            runtimeService.newMigration(plan).processInstanceIds(root.getId()).execute();
            LOG.info("root_peo_migrated").processInstanceId(root.getId()).peoId(PROCESS_KEY)
                    .with("from", root.getProcessDefinitionId()).with("to", latest.getId()).log();
        } catch (ProcessEngineException e) {
            // The old version keeps running: the platform stays up, without what the new version adds.
            LOG.warn("root_peo_migration_failed").processInstanceId(root.getId()).peoId(PROCESS_KEY)
                    .with("to", latest.getId()).error(e).log();
        }
    }
}
