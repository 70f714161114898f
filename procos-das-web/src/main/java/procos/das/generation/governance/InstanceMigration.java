package procos.das.generation.governance;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Moves the running instances of one process definition to another with Camunda's migration
 * (activities mapped by equal id). Instances the engine cannot migrate, because the activity they
 * wait in does not exist in the target or the plan as a whole is invalid, stay where they are and
 * are reported with the engine's reason.
 */
final class InstanceMigration {

    /** Instances migrated in one engine call; a page that fails is retried instance by instance. */
    private static final int PAGE = 200;

    /** Which instances moved and which did not. */
    record Outcome(List<String> migrated, List<UnmigratedInstance> notMigrated) {
    }

    private final RuntimeService runtime;

    InstanceMigration(RuntimeService runtime) {
        this.runtime = runtime;
    }

    Outcome migrate(String sourceDefinitionId, String targetDefinitionId) {
        List<String> ids = instanceIds(sourceDefinitionId);
        List<String> migrated = new ArrayList<>();
        List<UnmigratedInstance> notMigrated = new ArrayList<>();
        if (ids.isEmpty()) {
            return new Outcome(migrated, notMigrated);
        }
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(sourceDefinitionId, targetDefinitionId).mapEqualActivities().build();
        } catch (ProcessEngineException e) {
            ids.forEach(id -> notMigrated.add(new UnmigratedInstance(id, "no migration plan: " + e.getMessage())));
            return new Outcome(migrated, notMigrated);
        }
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(from + PAGE, ids.size()));
            try {
                runtime.newMigration(plan).processInstanceIds(page).execute();
                migrated.addAll(page);
            } catch (ProcessEngineException pageFailed) {
                // The engine migrates a page all or nothing; one by one, the migratable ones still move.
                for (String id : page) {
                    try {
                        runtime.newMigration(plan).processInstanceIds(id).execute();
                        migrated.add(id);
                    } catch (ProcessEngineException e) {
                        notMigrated.add(new UnmigratedInstance(id, e.getMessage()));
                    }
                }
            }
        }
        return new Outcome(migrated, notMigrated);
    }

    private List<String> instanceIds(String definitionId) {
        return runtime.createProcessInstanceQuery().processDefinitionId(definitionId).orderByProcessInstanceId().asc().list()
                .stream().map(ProcessInstance::getId).toList();
    }
}
