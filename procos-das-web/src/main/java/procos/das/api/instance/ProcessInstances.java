package procos.das.api.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;

/**
 * Process instances, running and ended, from the engine's history (which has both), with the runtime
 * consulted for what only it knows: open incidents and the activities active now.
 */
public final class ProcessInstances {

    /** Most activity instances a detail lists; a looping instance could have thousands. */
    public static final int MAX_HISTORY = 500;
    public static final int MAX_VARIABLES = 200;
    public static final int MAX_REASON = 1_000;
    /** How many instances with open incidents the {@code incident} filter considers. */
    public static final int MAX_WITH_INCIDENTS = 1_000;
    private static final String NO_INSTANCE = "(none)";

    private final ProcessEngine engine;

    public ProcessInstances(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Newest first, with real counts. */
    public Page<InstanceItem> list(InstanceFilter filter, Paging paging) {
        HistoricProcessInstanceQuery query = filter.applyTo(engine.getHistoryService().createHistoricProcessInstanceQuery(),
                this::withOpenIncidents);
        long total = query.count();
        List<HistoricProcessInstance> page = query.orderByProcessInstanceStartTime().desc().listPage(paging.offset(), paging.limit());
        Set<String> withIncidents = withIncidents(page);
        return paging.of(page.stream().map(instance -> item(instance, withIncidents.contains(instance.getId()))).toList(), total);
    }

    /**
     * Which running instances of a page have open incidents, in one query, so a page costs two queries
     * plus one per instance with incidents rather than one per instance.
     */
    private Set<String> withIncidents(List<HistoricProcessInstance> page) {
        Set<String> running = page.stream().filter(instance -> instance.getEndTime() == null).map(HistoricProcessInstance::getId)
                .collect(Collectors.toSet());
        if (running.isEmpty()) {
            return Set.of();
        }
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(running).withIncident().list().stream()
                .map(ProcessInstance::getId).collect(Collectors.toSet());
    }

    public InstanceDetail detail(String id) {
        HistoricProcessInstance instance = historic(id);
        InstanceItem item = item(instance);
        boolean running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0;
        List<HistoricActivityInstance> steps = engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().listPage(0, MAX_HISTORY);
        Set<String> completed = new LinkedHashSet<>();
        List<HistoryStep> history = new ArrayList<>();
        for (HistoricActivityInstance step : steps) {
            if (step.getEndTime() != null && !step.isCanceled()) {
                completed.add(step.getActivityId());
            }
            history.add(new HistoryStep(step.getActivityId(), step.getActivityName(), step.getActivityType(),
                    IsoTime.of(step.getStartTime()), IsoTime.of(step.getEndTime()), step.isCanceled()));
        }
        return new InstanceDetail(item.id(), item.definitionId(), item.definitionKey(), item.definitionName(), item.businessKey(),
                item.state(), item.startTime(), item.endTime(), variables(id),
                running ? engine.getRuntimeService().getActiveActivityIds(id) : List.of(),
                List.copyOf(completed), incidents(id), history);
    }

    /** Cancels a running instance; the reason is recorded as its delete reason. 409 when it has already ended. */
    public void cancel(String id, String reason) {
        historic(id);
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() == 0) {
            throw ApiProblem.conflict("instance " + id + " has already ended");
        }
        // Externally terminated: canceled by a person, as Camunda's REST API and Cockpit record it.
        engine.getRuntimeService().deleteProcessInstance(id, reason, false, true);
    }

    /**
     * Running instances with an open incident, at most {@value #MAX_WITH_INCIDENTS}; an id that cannot
     * exist stands in for none, as the engine refuses an empty id set.
     */
    private Set<String> withOpenIncidents() {
        Set<String> ids = new LinkedHashSet<>();
        engine.getRuntimeService().createProcessInstanceQuery().withIncident().listPage(0, MAX_WITH_INCIDENTS)
                .forEach(instance -> ids.add(instance.getId()));
        return ids.isEmpty() ? Set.of(NO_INSTANCE) : ids;
    }

    private HistoricProcessInstance historic(String id) {
        HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        if (instance == null) {
            throw ApiProblem.notFound("instance '" + id + "' does not exist");
        }
        return instance;
    }

    private InstanceItem item(HistoricProcessInstance instance) {
        return item(instance, instance.getEndTime() == null);
    }

    private InstanceItem item(HistoricProcessInstance instance, boolean mayHaveIncidents) {
        long incidents = mayHaveIncidents
                ? engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count() : 0;
        return new InstanceItem(instance.getId(), instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(),
                instance.getProcessDefinitionName(), instance.getBusinessKey(), state(instance.getState(), incidents),
                IsoTime.of(instance.getStartTime()), IsoTime.of(instance.getEndTime()), incidents);
    }

    static String state(String engineState, long openIncidents) {
        if (engineState == null) {
            return "active";
        }
        return switch (engineState) {
            case HistoricProcessInstance.STATE_ACTIVE -> openIncidents > 0 ? "incident" : "active";
            case HistoricProcessInstance.STATE_SUSPENDED -> "suspended";
            case HistoricProcessInstance.STATE_COMPLETED -> "completed";
            default -> "canceled";
        };
    }

    private Map<String, Object> variables(String id) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .disableCustomObjectDeserialization().orderByVariableName().asc().listPage(0, MAX_VARIABLES)) {
            // Variables of the instance itself; a task's or a subprocess's locals would shadow them.
            if (id.equals(variable.getActivityInstanceId()) || variable.getActivityInstanceId() == null
                    || !variables.containsKey(variable.getName())) {
                variables.put(variable.getName(), VariableDisplay.of(variable.getValue(), variable.getTypeName()));
            }
        }
        return variables;
    }

    private List<IncidentItem> incidents(String id) {
        List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(id).orderByIncidentTimestamp().asc().list();
        return incidents.stream().map(incident -> new IncidentItem(incident.getId(), incident.getActivityId(), incident.getIncidentType(),
                incident.getIncidentMessage(), IsoTime.of(incident.getIncidentTimestamp()))).toList();
    }
}
