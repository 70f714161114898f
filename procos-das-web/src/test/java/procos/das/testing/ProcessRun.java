package procos.das.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one process instance to its end the way PDEs, people and time would: completes external
 * tasks and user tasks with the answers it was given, fires due timers when nothing else can move,
 * and delivers the messages instances wait for. A task without an answer is left alone, so its
 * deadline can pass. An instance that can no longer move fails the run.
 */
public final class ProcessRun {

    private static final String WORKER = "test-worker";
    private static final int MAX_ROUNDS = 300;

    private final ProcessEngine engine;
    private final Map<String, Deque<Map<String, Object>>> answers = new HashMap<>();
    private final Set<String> unanswered = new HashSet<>();
    private boolean answersWhatIsExpected;
    /** The input variables each external task was locked with, in order. */
    public final List<LockedExternalTask> lockedTasks = new ArrayList<>();

    public ProcessRun(ProcessEngine engine) {
        this.engine = engine;
    }

    /** The variables the activity {@code activityId} completes with, one map per time it runs; the last repeats. */
    @SafeVarargs
    public final ProcessRun answer(String activityId, Map<String, Object>... rounds) {
        answers.put(activityId, new ArrayDeque<>(List.of(rounds)));
        return this;
    }

    /**
     * Tasks without an answer of their own answer what a willing worker would: an external task
     * reports every output it is expected to give ({@code expected_outputs}, {@code name:type}) —
     * true, 1, "ok" — and a user task fills its form (true, "ok", 1, today, the first value).
     */
    public ProcessRun answeringWhatIsExpected() {
        answersWhatIsExpected = true;
        return this;
    }

    /** Nobody does {@code activityId}: it waits until a timer ends it. */
    public ProcessRun neverDo(String activityId) {
        unanswered.add(activityId);
        return this;
    }

    /** Runs the instance to its end and returns its history. */
    public Finished untilEnd(String processInstanceId) {
        for (int round = 0; round < MAX_ROUNDS && isRunning(processInstanceId); round++) {
            if (!completeExternalTasks(processInstanceId) && !completeUserTasks(processInstanceId)
                    && !deliverMessages(processInstanceId) && !fireTimers(processInstanceId)) {
                throw new AssertionError("the instance is stuck at " + engine.getRuntimeService()
                        .getActiveActivityIds(processInstanceId));
            }
        }
        HistoricProcessInstance history = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        List<HistoricActivityInstance> activities = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list();
        return new Finished(history, activities.stream().map(HistoricActivityInstance::getActivityId).toList());
    }

    /** The ended instance: its history and the ids of the activities it went through, in order. */
    public record Finished(HistoricProcessInstance history, List<String> activities) {

        public long count(String activityId) {
            return activities.stream().filter(activityId::equals).count();
        }
    }

    private boolean isRunning(String processInstanceId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    private boolean completeExternalTasks(String processInstanceId) {
        ExternalTaskService service = engine.getExternalTaskService();
        boolean moved = false;
        for (ExternalTask open : service.createExternalTaskQuery().processInstanceId(processInstanceId).notLocked().list()) {
            if (unanswered.contains(open.getActivityId())) {
                continue;
            }
            for (LockedExternalTask locked : service.fetchAndLock(1, WORKER).topic(open.getTopicName(), 60_000L)
                    .processDefinitionId(open.getProcessDefinitionId()).execute()) {
                if (!locked.getProcessInstanceId().equals(processInstanceId)) {
                    service.unlock(locked.getId());
                    continue;
                }
                lockedTasks.add(locked);
                service.complete(locked.getId(), WORKER, answersWhatIsExpected && !answers.containsKey(locked.getActivityId())
                        ? expectedOutputs(locked) : variables(locked.getActivityId()));
                moved = true;
            }
        }
        return moved;
    }

    private boolean completeUserTasks(String processInstanceId) {
        TaskService service = engine.getTaskService();
        boolean moved = false;
        for (Task task : service.createTaskQuery().processInstanceId(processInstanceId).list()) {
            if (!unanswered.contains(task.getTaskDefinitionKey())) {
                engine.getFormService().submitTaskForm(task.getId(), answersWhatIsExpected
                        && !answers.containsKey(task.getTaskDefinitionKey()) ? filledForm(task) : variables(task.getTaskDefinitionKey()));
                moved = true;
            }
        }
        return moved;
    }

    private boolean deliverMessages(String processInstanceId) {
        RuntimeService runtime = engine.getRuntimeService();
        List<EventSubscription> waiting = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventType("message").list();
        for (EventSubscription subscription : waiting) {
            runtime.createMessageCorrelation(subscription.getEventName()).processInstanceId(processInstanceId).correlate();
        }
        return !waiting.isEmpty();
    }

    private boolean fireTimers(String processInstanceId) {
        ManagementService management = engine.getManagementService();
        // One at a time: a timer that fires may cancel the others (a deadline ends its task's other timers).
        List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
        if (timers.isEmpty()) {
            return false;
        }
        management.executeJob(timers.get(0).getId());
        return true;
    }

    private static Map<String, Object> expectedOutputs(LockedExternalTask task) {
        Map<String, Object> outputs = new HashMap<>();
        Object expected = task.getVariables().get("expected_outputs");
        if (expected != null && !expected.toString().isBlank()) {
            for (String declared : expected.toString().split(",")) {
                String[] nameAndType = declared.trim().split(":", 2);
                String type = nameAndType.length > 1 ? nameAndType[1] : "boolean";
                outputs.put(nameAndType[0], switch (type) {
                    case "number" -> 1L;
                    case "string" -> "ok";
                    default -> true;
                });
            }
        }
        return outputs;
    }

    private Map<String, Object> filledForm(Task task) {
        Map<String, Object> values = new HashMap<>();
        for (org.camunda.bpm.engine.form.FormField field : engine.getFormService().getTaskFormData(task.getId()).getFormFields()) {
            Object value = switch (field.getTypeName()) {
                case "boolean" -> true;
                case "long" -> 1L;
                case "date" -> new java.util.Date();
                case "enum" -> ((Map<?, ?>) field.getType().getInformation("values")).keySet().iterator().next();
                default -> "ok";
            };
            values.put(field.getId(), value);
        }
        return values;
    }

    private Map<String, Object> variables(String activityId) {
        Deque<Map<String, Object>> rounds = answers.get(activityId);
        if (rounds == null || rounds.isEmpty()) {
            return Map.of();
        }
        return rounds.size() > 1 ? rounds.poll() : rounds.peek();
    }
}
