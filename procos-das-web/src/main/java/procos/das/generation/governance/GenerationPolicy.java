package procos.das.generation.governance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Loop;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.validation.Finding;
import procos.das.validation.ModelProperties;

/**
 * The operator's policy for generated processes, checked after validation and before a person
 * approves: what a generated process may do (task types, the PDE endpoints its tasks reach, no
 * code inside the engine, no calls to other processes), that a person can pick up its human work,
 * its name and size. The compiled model is checked element by element, not the description it
 * came from: the model is what deploys, and it may arrive edited.
 */
public final class GenerationPolicy {

    public static final String FORBIDDEN_TASK_TYPE = "policy.forbidden_task_type";
    public static final String DYNAMIC_TASK_TYPE = "policy.dynamic_task_type";
    public static final String FORBIDDEN_ENDPOINT = "policy.forbidden_endpoint";
    public static final String IN_ENGINE_CODE = "policy.in_engine_code";
    public static final String CALL_ACTIVITY = "policy.call_activity";
    public static final String USER_TASK_WITHOUT_CANDIDATES = "policy.user_task_without_candidates";
    public static final String NAME = "policy.name";
    public static final String MAX_STEPS = "policy.max_steps";
    public static final String DOMAIN_MISMATCH = "policy.domain_mismatch";
    public static final String NO_PROCESS = "policy.no_process";

    private final GovernanceSettings settings;
    private final Function<String, List<String>> endpointsServing;

    /**
     * @param endpointsServing the ids of the PDE endpoints that serve a task type (empty when none does)
     */
    public GenerationPolicy(GovernanceSettings settings, Function<String, List<String>> endpointsServing) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpointsServing = Objects.requireNonNull(endpointsServing, "endpointsServing");
    }

    public GovernanceSettings settings() {
        return settings;
    }

    /**
     * Every policy violation of a generated process, each an error naming the rule and the element.
     *
     * @param description the description the model was compiled from
     * @param compiled    the model that would deploy
     * @param domain      the business domain the process was generated for; may be blank
     */
    public List<Finding> check(ProcessDescription description, BpmnModelInstance compiled, String domain) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(compiled, "compiled");
        List<Finding> findings = new ArrayList<>();
        Collection<Process> processes = compiled.getModelElementsByType(Process.class);
        if (processes.isEmpty()) {
            findings.add(Finding.error(NO_PROCESS, null, "the model holds no process"));
        }
        CompiledModelScan scan = new CompiledModelScan(compiled);
        taskTypes(scan.taskTypes(), findings);
        scan.engineCode().forEach(code -> findings.add(Finding.error(IN_ENGINE_CODE, code.elementId(),
                code.reason() + "; generated processes do their work in external tasks run by PDEs")));
        for (CallActivity call : compiled.getModelElementsByType(CallActivity.class)) {
            findings.add(Finding.error(CALL_ACTIVITY, call.getId(), "call activity '" + call.getId()
                    + "' starts another process, which this check cannot see; generated processes may not call others"));
        }
        for (UserTask task : compiled.getModelElementsByType(UserTask.class)) {
            String groups = task.getCamundaCandidateGroups();
            if (groups == null || groups.isBlank()) {
                findings.add(Finding.error(USER_TASK_WITHOUT_CANDIDATES, task.getId(), "user task '" + task.getId()
                        + "' has no candidate groups, so no one would see it in a task list; give it the role that does the work"));
            }
        }
        names(description, processes, findings);
        size(description, compiled, findings);
        domains(description, processes, domain, findings);
        return List.copyOf(findings);
    }

    /**
     * Whether a person must approve a process of {@code domain} before it deploys: always, unless
     * auto-approve is on and the domain is known and not one of the approval domains. A process with
     * no domain cannot be told apart from one of an approval domain, so it is approved by a person.
     */
    public boolean approvalRequired(String domain) {
        Optional<String> normalized = GovernanceSettings.normalizedDomain(domain);
        return !settings.autoApprove() || normalized.isEmpty() || settings.approvalDomains().contains(normalized.get());
    }

    private void taskTypes(List<TaskTypeUse> uses, List<Finding> findings) {
        for (TaskTypeUse use : uses) {
            if (use.dynamic()) {
                findings.add(Finding.error(DYNAMIC_TASK_TYPE, use.elementId(), use.where() + " is the expression '"
                        + use.taskType() + "', computed when the task runs; generated processes name their task types"));
                continue;
            }
            Optional<TaskTypePattern> forbidden = settings.forbiddenTaskTypes().stream().filter(p -> p.matches(use.taskType())).findFirst();
            if (forbidden.isPresent()) {
                findings.add(Finding.error(FORBIDDEN_TASK_TYPE, use.elementId(), use.where() + " is the task type '"
                        + use.taskType() + "', forbidden by '" + forbidden.get() + "' in " + GovernanceSettings.FORBIDDEN_TASK_TYPES));
                continue;
            }
            List<String> endpoints = Optional.ofNullable(endpointsServing.apply(use.taskType())).orElse(List.of());
            for (String endpoint : endpoints) {
                if (settings.forbiddenEndpoints().contains(endpoint)) {
                    findings.add(Finding.error(FORBIDDEN_ENDPOINT, use.elementId(), use.where() + " '" + use.taskType()
                            + "' is served by endpoint '" + endpoint + "', which " + GovernanceSettings.FORBIDDEN_ENDPOINTS
                            + " forbids generated tasks to reach"));
                }
            }
        }
    }

    private void names(ProcessDescription description, Collection<Process> processes, List<Finding> findings) {
        List<String> checked = new ArrayList<>();
        for (Process process : processes) {
            name(process.getName(), process.getId(), "process '" + process.getId() + "'", findings);
            checked.add(process.getName());
        }
        if (!checked.contains(description.name())) {
            name(description.name(), null, "the description", findings);
        }
    }

    private void name(String name, String elementId, String whose, List<Finding> findings) {
        if (name == null || name.isBlank()) {
            findings.add(Finding.error(NAME, elementId, whose + " has no name"));
        } else if (settings.namePattern().isPresent() && !settings.namePattern().get().matcher(name).matches()) {
            findings.add(Finding.error(NAME, elementId, "the name '" + name + "' of " + whose + " does not match '"
                    + settings.namePattern().get().pattern() + "' (" + GovernanceSettings.NAME_PATTERN + ")"));
        }
    }

    private void size(ProcessDescription description, BpmnModelInstance compiled, List<Finding> findings) {
        int steps = steps(description.steps());
        int activities = compiled.getModelElementsByType(Activity.class).size();
        if (Math.max(steps, activities) > settings.maxSteps()) {
            findings.add(Finding.error(MAX_STEPS, null, "the process has " + steps + " steps and " + activities
                    + " activities; at most " + settings.maxSteps() + " are allowed (" + GovernanceSettings.MAX_STEPS + ")"));
        }
    }

    /** Every step, nested ones included. */
    static int steps(List<Step> steps) {
        int count = 0;
        for (Step step : steps) {
            count++;
            if (step instanceof Task task) {
                count += steps(task.onTimeout());
            } else if (step instanceof Choice choice) {
                count += branchSteps(choice.branches());
            } else if (step instanceof Parallel parallel) {
                count += branchSteps(parallel.branches());
            } else if (step instanceof Loop loop) {
                count += steps(loop.body());
            }
        }
        return count;
    }

    private static int branchSteps(List<Branch> branches) {
        return branches.stream().mapToInt(branch -> steps(branch.steps())).sum();
    }

    /**
     * A process claims one domain: the one it was generated for, its description's, and the
     * {@code procos.domain} of every process in the model must agree, or an edit could move it out
     * of an approval domain.
     */
    private void domains(ProcessDescription description, Collection<Process> processes, String domain, List<Finding> findings) {
        Map<String, String> claims = new LinkedHashMap<>();
        GovernanceSettings.normalizedDomain(domain).ifPresent(d -> claims.putIfAbsent(d, "the request"));
        GovernanceSettings.normalizedDomain(description.domain()).ifPresent(d -> claims.putIfAbsent(d, "the description"));
        for (Process process : processes) {
            String claimed = ModelProperties.procos(process).get(ModelProperties.DOMAIN);
            GovernanceSettings.normalizedDomain(claimed).ifPresent(d -> claims.putIfAbsent(d, "process '" + process.getId() + "'"));
        }
        if (claims.size() > 1) {
            StringBuilder message = new StringBuilder("the process claims more than one domain:");
            claims.forEach((claimed, by) -> message.append(" '").append(claimed).append("' (").append(by).append(')'));
            findings.add(Finding.error(DOMAIN_MISMATCH, null, message.toString()));
        }
    }
}
