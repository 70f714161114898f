package procos.das.generation.pipeline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import procos.das.generation.store.Decision;

/**
 * Who decided on a draft, read from the engine's history of the approval task — so the decision is
 * the same whether it was made through the ProcOS API, Camunda's Tasklist or its REST API: the
 * actor is the task's assignee (the API claims the task for the signed-in user before completing
 * it), the verdict and comment are the task's form values. No approval task means the policy let
 * the draft pass without one.
 */
public final class ApprovalLookup {

    public static final String APPROVAL_TASK = "approve_process";

    private final HistoryService history;
    private final Clock clock;

    public ApprovalLookup(HistoryService history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    public Decision decision(String generationId) {
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(generationId)
                .taskDefinitionKey(APPROVAL_TASK).finished().orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
        if (tasks.isEmpty()) {
            return new Decision(true, Decision.AUTOMATIC, "no approval required by the policy", clock.instant());
        }
        HistoricTaskInstance task = tasks.get(0);
        String instance = task.getProcessInstanceId();
        boolean approved = Boolean.TRUE.equals(variable(instance, "approved").orElse(null));
        String comment = variable(instance, "comment").map(Object::toString).orElse("");
        String actor = task.getAssignee() == null || task.getAssignee().isBlank() ? "unknown" : task.getAssignee();
        return new Decision(approved, actor, comment, task.getEndTime().toInstant());
    }

    private Optional<Object> variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).disableCustomObjectDeserialization().singleResult();
        return Optional.ofNullable(variable).map(HistoricVariableInstance::getValue);
    }
}
