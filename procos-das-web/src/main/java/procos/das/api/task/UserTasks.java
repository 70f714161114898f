package procos.das.api.task;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;

/**
 * The human tasks one person may work on: those assigned to them and those they may claim, as a
 * candidate user or through one of their groups. A task outside that set is refused with 403 even
 * when the engine's grants would let the person touch it: the model's candidate rules decide who works on what.
 */
public final class UserTasks {

    private final ProcessEngine engine;
    private final String user;
    private final List<String> groups;

    public UserTasks(ProcessEngine engine, String user) {
        this.engine = engine;
        this.user = user;
        this.groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    /** Newest first. */
    public Page<TaskItem> list(Paging paging) {
        long total = mine().count();
        List<Task> tasks = mine().orderByTaskCreateTime().desc().listPage(paging.offset(), paging.limit());
        Map<String, String> keys = new HashMap<>();
        return paging.of(tasks.stream().map(task -> item(task, keys)).toList(), total);
    }

    public TaskItem get(String id) {
        return item(task(id), new HashMap<>());
    }

    /** Takes a claimable task; 409 when someone else holds it. */
    public TaskItem claim(String id) {
        Task task = task(id);
        if (!user.equals(task.getAssignee())) {
            if (task.getAssignee() != null) {
                throw ApiProblem.conflict("task " + id + " is claimed by " + task.getAssignee());
            }
            engine.getTaskService().claim(id, user);
        }
        return get(id);
    }

    /** Gives a task one holds back to its candidates; 409 when the user does not hold it. */
    public TaskItem unclaim(String id) {
        Task task = task(id);
        if (!user.equals(task.getAssignee())) {
            throw ApiProblem.conflict("task " + id + " is not claimed by " + user);
        }
        engine.getTaskService().setAssignee(id, null);
        return item(engine.getTaskService().createTaskQuery().taskId(id).singleResult(), new HashMap<>());
    }

    /** Completes the task with its form's values, checked and converted by {@link FormValues}. */
    public void complete(String id, Object values) {
        Task task = task(id);
        if (task.getAssignee() != null && !user.equals(task.getAssignee())) {
            throw ApiProblem.conflict("task " + id + " is claimed by " + task.getAssignee());
        }
        Map<String, Object> converted = FormValues.convert(fields(id), values);
        try {
            engine.getFormService().submitTaskForm(id, converted);
        } catch (FormFieldValidatorException e) {
            throw ApiProblem.unprocessable("values." + e.getId() + ": refused by the form's " + e.getName() + " rule");
        }
    }

    /** The user's task {@code id}: 404 when it does not exist, 403 when it is neither theirs nor claimable by them. */
    private Task task(String id) {
        TaskService tasks = engine.getTaskService();
        if (tasks.createTaskQuery().taskId(id).count() == 0) {
            throw ApiProblem.notFound("task '" + id + "' does not exist");
        }
        Task task = mine().taskId(id).singleResult();
        if (task == null) {
            throw ApiProblem.forbidden("task " + id + " is neither assigned to " + user + " nor offered to them or their groups");
        }
        return task;
    }

    private TaskQuery mine() {
        TaskQuery query = engine.getTaskService().createTaskQuery().active().or().taskAssignee(user).taskCandidateUser(user);
        if (!groups.isEmpty()) {
            query.taskCandidateGroupIn(groups);
        }
        return query.endOr();
    }

    private List<FormField> fields(String id) {
        return engine.getFormService().getTaskFormData(id).getFormFields();
    }

    private TaskItem item(Task task, Map<String, String> definitionKeys) {
        List<String> candidateGroups = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().toList();
        List<FormFieldItem> form = fields(task.getId()).stream().map(UserTasks::field).toList();
        return new TaskItem(task.getId(), task.getName(), task.getProcessInstanceId(), definitionKey(task, definitionKeys),
                task.getAssignee(), task.getCreateTime() == null ? null : task.getCreateTime().toInstant().toString(), candidateGroups, form);
    }

    private String definitionKey(Task task, Map<String, String> known) {
        if (task.getProcessDefinitionId() == null) {
            return null;
        }
        return known.computeIfAbsent(task.getProcessDefinitionId(), definitionId -> {
            ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(definitionId);
            return definition.getKey();
        });
    }

    private static FormFieldItem field(FormField field) {
        Map<String, String> values = new LinkedHashMap<>();
        if ("enum".equals(field.getTypeName()) && field.getType().getInformation("values") instanceof Map<?, ?> choices) {
            choices.forEach((id, label) -> values.put(String.valueOf(id), String.valueOf(label)));
        }
        return new FormFieldItem(field.getId(), field.getLabel(), field.getTypeName(), FormValues.required(field),
                FormValues.display(field.getDefaultValue()), values);
    }
}
