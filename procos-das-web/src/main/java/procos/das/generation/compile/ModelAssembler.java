package procos.das.generation.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractActivityBuilder;
import org.camunda.bpm.model.bpmn.builder.AbstractCatchEventBuilder;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.BoundaryEventBuilder;
import org.camunda.bpm.model.bpmn.builder.CamundaUserTaskFormFieldBuilder;
import org.camunda.bpm.model.bpmn.builder.MultiInstanceLoopCharacteristicsBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.builder.StartEventBuilder;
import org.camunda.bpm.model.bpmn.builder.SubProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import procos.das.generation.compile.Block.Arm;
import procos.das.generation.compile.Block.Chain;
import procos.das.generation.compile.Block.Kind;
import procos.das.generation.compile.Block.Node;
import procos.das.generation.description.Branch;
import procos.das.generation.description.Choice;
import procos.das.generation.description.FormField;
import procos.das.generation.description.Loop;
import procos.das.generation.description.MessageWait;
import procos.das.generation.description.Parallel;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.description.Timer;
import procos.das.generation.description.Trigger;
import procos.das.generation.description.Wait;
import procos.das.validation.ModelProperties;

/**
 * Builds the BPMN model of a checked description with Camunda's fluent builder, one block per
 * step, and the {@link Block} tree its diagram is laid out from. Every construct is a single-entry,
 * single-exit block (a split has its join, a loop its merge), so the model is sound by construction.
 * One assembler builds one model.
 */
final class ModelAssembler {

    static final String STEP_PARAMETER = "step";
    static final String OUTPUTS_PARAMETER = "expected_outputs";

    /** The model and the top-level block of its diagram. */
    record Assembly(BpmnModelInstance model, Chain diagram, ElementIds ids) {
    }

    /**
     * A sequence flow not made yet: its id, and the name, condition and default mark it gets once
     * the builder has made it.
     */
    private record Link(String id, String name, String condition, boolean isDefault) {
    }

    /** What leaves a block: the name and condition of its outgoing flow (a loop's exit), or none. */
    private record Exit(String name, String condition) {

        static final Exit PLAIN = new Exit(null, null);
    }

    /** A compiled step: the builder at its last node, its diagram block, and what its outgoing flow needs. */
    private record Built(AbstractFlowNodeBuilder<?, ?> last, Block block, Exit exit) {
    }

    private final String key;
    private final ElementIds ids = new ElementIds();
    private final List<Link> links = new ArrayList<>();
    private BpmnModelInstance model;
    private int flowCount;

    private OutputTypes outputTypes;

    ModelAssembler(String key) {
        this.key = key;
        ids.reserve(key);
    }

    Assembly assemble(ProcessDescription description) {
        outputTypes = OutputTypes.of(description);
        ProcessBuilder process = Bpmn.createExecutableProcess(key)
                .name(ElementNames.sentence(description.name()))
                .camundaHistoryTimeToLive(30);
        model = (BpmnModelInstance) process.getElement().getModelInstance();
        Trigger trigger = description.trigger();
        String startName = ElementNames.orElse(trigger.name(), trigger.kind() == Trigger.Kind.MESSAGE
                ? ElementNames.messageState(trigger.message()) : ElementNames.PROCESS_STARTED);
        String startId = ids.fromName(startName, "start");
        StartEventBuilder start = process.startEvent(startId).name(startName);
        if (trigger.kind() == Trigger.Kind.TIMER) {
            timer(start, trigger.timer());
        } else if (trigger.kind() == Trigger.Kind.MESSAGE) {
            start.message(trigger.message().trim());
        }
        Link first = link(null, null, false);
        Built steps = sequence(start, description.steps(), first);
        Link last = next(steps.exit());
        String endId = ids.fromName(ElementNames.PROCESS_COMPLETED, "end");
        connect(steps.last(), last).endEvent(endId).name(ElementNames.PROCESS_COMPLETED);
        finishFlows();
        Chain diagram = new Chain(List.of(new Node(startId, Kind.EVENT), steps.block(), new Node(endId, Kind.EVENT)),
                List.of(first.id(), last.id()));
        return new Assembly(model, diagram, ids);
    }

    /** The steps in order; the first is reached over {@code first}. An empty list leaves {@code from} as it is. */
    private Built sequence(AbstractFlowNodeBuilder<?, ?> from, List<Step> steps, Link first) {
        List<Block> parts = new ArrayList<>();
        List<String> flows = new ArrayList<>();
        AbstractFlowNodeBuilder<?, ?> current = from;
        Exit exit = Exit.PLAIN;
        for (int i = 0; i < steps.size(); i++) {
            Link link = first;
            if (i > 0) {
                link = next(exit);
                flows.add(link.id());
            }
            Built built = step(current, steps.get(i), link);
            parts.add(built.block());
            current = built.last();
            exit = built.exit();
        }
        return new Built(current, new Chain(parts, flows), exit);
    }

    private Built step(AbstractFlowNodeBuilder<?, ?> from, Step step, Link link) {
        if (step instanceof Task task) {
            return task(from, task, link);
        }
        if (step instanceof Choice choice) {
            return choice(from, choice, link);
        }
        if (step instanceof Parallel parallel) {
            return parallel(from, parallel, link);
        }
        if (step instanceof Loop loop) {
            return loop.maxIterations() == null ? checkedLoop(from, loop, link) : countedLoop(from, loop, link);
        }
        if (step instanceof Wait wait) {
            return wait(from, wait, link);
        }
        return messageWait(from, (MessageWait) step, link);
    }

    private Built task(AbstractFlowNodeBuilder<?, ?> from, Task task, Link link) {
        String name = ElementNames.sentence(task.name());
        String id = ids.fromName(name, "task");
        AbstractActivityBuilder<?, ?> activity = task.kind() == Task.TaskKind.USER
                ? userTask(connect(from, link).userTask(id).name(name), task)
                : serviceTask(connect(from, link).serviceTask(id).name(name), task, name);
        Node node = new Node(id, Kind.ACTIVITY);
        if (task.deadline() == null) {
            return new Built(activity, node, Exit.PLAIN);
        }
        return deadline(activity, node, task);
    }

    private UserTaskBuilder userTask(UserTaskBuilder builder, Task task) {
        builder.camundaCandidateGroups(task.role());
        for (FormField field : task.form()) {
            CamundaUserTaskFormFieldBuilder fieldBuilder = builder.camundaFormField()
                    .camundaId(field.id())
                    .camundaLabel(ElementNames.orElse(field.label(), ElementNames.label(field.id())))
                    .camundaType(field.type().name().toLowerCase(Locale.ROOT));
            CamundaFormField formField = fieldBuilder.getElement();
            for (String value : field.values()) {
                CamundaValue option = model.newInstance(CamundaValue.class);
                option.setCamundaId(value);
                option.setCamundaName(ElementNames.sentence(value));
                formField.getCamundaValues().add(option);
            }
            fieldBuilder.camundaFormFieldDone();
        }
        return builder;
    }

    private ServiceTaskBuilder serviceTask(ServiceTaskBuilder builder, Task task, String name) {
        // Plain strings only: the checker has refused any name holding ${ or #{, so nothing here is evaluated.
        builder.camundaExternalTask(task.taskType()).camundaInputParameter(STEP_PARAMETER, name);
        if (!task.outputs().isEmpty()) {
            builder.camundaInputParameter(OUTPUTS_PARAMETER, outputTypes.declare(task.outputs()));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("procos.pde_type", task.pdeType().name().toLowerCase(Locale.ROOT));
        properties.put("procos.task_type", task.taskType());
        properties.forEach((property, value) -> ModelProperties.set(builder.getElement(), property, value));
        return builder;
    }

    /** The task's timer on its border; its escalation and the task's normal end meet in a merge after it. */
    private Built deadline(AbstractActivityBuilder<?, ?> activity, Node task, Task description) {
        String mergeId = ids.derived(task.id(), "done");
        String timerId = ids.derived(task.id(), "deadline");
        Link taskFlow = link(null, null, false);
        unnamed(connect(activity, taskFlow).exclusiveGateway(mergeId));
        BoundaryEventBuilder timer = activity.boundaryEvent(timerId)
                .name(ElementNames.timerState(description.deadline()))
                .cancelActivity(true);
        timer(timer, description.deadline());
        Link timerFlow = link(null, null, false);
        Built escalation = sequence(timer, description.onTimeout(), timerFlow);
        Chain chain = (Chain) escalation.block();
        String escalationFlow = null;
        if (chain.isEmpty()) {
            connect(timer, timerFlow).connectTo(mergeId);
        } else {
            Link out = next(escalation.exit());
            escalationFlow = out.id();
            connect(escalation.last(), out).connectTo(mergeId);
        }
        return new Built(node(mergeId), new Block.Guarded(task, timerId, chain, mergeId, taskFlow.id(), timerFlow.id(),
                escalationFlow), Exit.PLAIN);
    }

    private Built choice(AbstractFlowNodeBuilder<?, ?> from, Choice choice, Link link) {
        String question = ElementNames.question(choice.question());
        String splitId = ids.fromName(question, "choice");
        connect(from, link).exclusiveGateway(splitId).name(question);
        String joinId = ids.derived(splitId, "join");
        List<Arm> arms = new ArrayList<>();
        for (Branch branch : choice.branches()) {
            Link in = link(label(branch), branch.condition() == null ? null : ConditionExpressions.juel(branch.condition()),
                    branch.condition() == null);
            arms.add(arm(splitId, joinId, branch, in, arms.isEmpty(), true));
        }
        return new Built(node(joinId), new Block.Fork(splitId, joinId, arms), Exit.PLAIN);
    }

    private Built parallel(AbstractFlowNodeBuilder<?, ?> from, Parallel parallel, Link link) {
        String splitId = ids.unique("parallel");
        unnamed(connect(from, link).parallelGateway(splitId));
        String joinId = ids.derived(splitId, "join");
        List<Arm> arms = new ArrayList<>();
        for (Branch branch : parallel.branches()) {
            arms.add(arm(splitId, joinId, branch, link(label(branch), null, false), arms.isEmpty(), false));
        }
        return new Built(node(joinId), new Block.Fork(splitId, joinId, arms), Exit.PLAIN);
    }

    /** One branch from the split to the join; the first branch makes the join, of the split's kind. */
    private Arm arm(String splitId, String joinId, Branch branch, Link in, boolean makesJoin, boolean exclusive) {
        Built steps = sequence(node(splitId), branch.steps(), in);
        Chain chain = (Chain) steps.block();
        Link out = chain.isEmpty() ? in : next(steps.exit());
        AbstractFlowNodeBuilder<?, ?> end = connect(chain.isEmpty() ? node(splitId) : steps.last(), out);
        if (!makesJoin) {
            end.connectTo(joinId);
        } else if (exclusive) {
            unnamed(end.exclusiveGateway(joinId));
        } else {
            unnamed(end.parallelGateway(joinId));
        }
        return new Arm(chain, in.id(), chain.isEmpty() ? null : out.id());
    }

    /** Merge, body, then a gateway that leaves when {@code until} holds and otherwise goes round again. */
    private Built checkedLoop(AbstractFlowNodeBuilder<?, ?> from, Loop loop, Link link) {
        String question = ElementNames.question(loop.question() == null ? ElementNames.LOOP_DONE : loop.question());
        String checkId = ids.fromName(question, "done");
        String mergeId = ids.derived(checkId, "again");
        unnamed(connect(from, link).exclusiveGateway(mergeId));
        Link entry = link(null, null, false);
        Built body = sequence(node(mergeId), loop.body(), entry);
        Link toCheck = next(body.exit());
        connect(body.last(), toCheck).exclusiveGateway(checkId).name(question);
        Link back = link("no", null, true);
        connect(node(checkId), back).connectTo(mergeId);
        return new Built(node(checkId),
                new Block.Cycle(mergeId, checkId, (Chain) body.block(), entry.id(), toCheck.id(), back.id()),
                new Exit("yes", ConditionExpressions.juel(loop.until())));
    }

    /**
     * A body run at most {@code maxIterations} times: an embedded subprocess, sequential
     * multi-instance, that completes early once {@code until} holds.
     */
    private Built countedLoop(AbstractFlowNodeBuilder<?, ?> from, Loop loop, Link link) {
        String name = StepNames.of(loop.body());
        String id = ids.fromName("Repeat " + name, "repeat");
        SubProcessBuilder subProcess = connect(from, link).subProcess(id).name(name);
        MultiInstanceLoopCharacteristicsBuilder rounds = subProcess.multiInstance().sequential()
                .cardinality(String.valueOf(loop.maxIterations()));
        if (loop.until() != null) {
            rounds.completionCondition(ConditionExpressions.juel(loop.until()));
        }
        rounds.multiInstanceDone();
        String startId = ids.derived(id, "start");
        StartEventBuilder start = subProcess.embeddedSubProcess().startEvent(startId).name("Round started");
        Link first = link(null, null, false);
        Built body = sequence(start, loop.body(), first);
        Link last = next(body.exit());
        String endId = ids.derived(id, "end");
        connect(body.last(), last).endEvent(endId).name("Round completed");
        Chain content = new Chain(List.of(new Node(startId, Kind.EVENT), body.block(), new Node(endId, Kind.EVENT)),
                List.of(first.id(), last.id()));
        return new Built(node(id), new Block.Container(id, content), Exit.PLAIN);
    }

    private Built wait(AbstractFlowNodeBuilder<?, ?> from, Wait wait, Link link) {
        String name = ElementNames.orElse(wait.name(), ElementNames.timerState(wait.timer()));
        String id = ids.fromName(name, "wait");
        timer(connect(from, link).intermediateCatchEvent(id).name(name), wait.timer());
        return new Built(node(id), new Node(id, Kind.EVENT), Exit.PLAIN);
    }

    private Built messageWait(AbstractFlowNodeBuilder<?, ?> from, MessageWait wait, Link link) {
        String message = wait.message().trim();
        String name = ElementNames.orElse(wait.name(), ElementNames.messageState(message));
        String id = ids.fromName(name, "message");
        connect(from, link).intermediateCatchEvent(id).name(name).message(message);
        return new Built(node(id), new Node(id, Kind.EVENT), Exit.PLAIN);
    }

    private static void timer(AbstractCatchEventBuilder<?, ?> event, Timer timer) {
        String value = timer.value().trim();
        switch (timer.kind()) {
            case DURATION -> event.timerWithDuration(value);
            case CYCLE -> event.timerWithCycle(value);
            case DATE -> event.timerWithDate(value);
        }
    }

    /** A join or merge says nothing a reader needs; the builder would name it after its id. */
    private static void unnamed(AbstractFlowNodeBuilder<?, ?> gateway) {
        gateway.getElement().removeAttribute("name");
    }

    private static String label(Branch branch) {
        return branch.label() == null || branch.label().isBlank() ? null : branch.label().trim();
    }

    private Link link(String name, String condition, boolean isDefault) {
        Link link = new Link(ids.unique(key + "_flow_" + ++flowCount), name, condition, isDefault);
        links.add(link);
        return link;
    }

    /** The flow after a block, carrying the block's exit condition when it has one. */
    private Link next(Exit exit) {
        return link(exit.name(), exit.condition(), false);
    }

    /** {@code from}, set to make its next flow under the link's id. */
    private static AbstractFlowNodeBuilder<?, ?> connect(AbstractFlowNodeBuilder<?, ?> from, Link link) {
        from.sequenceFlowId(link.id());
        return from;
    }

    private AbstractFlowNodeBuilder<?, ?> node(String id) {
        return model.<FlowNode>getModelElementById(id).builder();
    }

    /** Names, conditions and default marks, now that every flow exists. */
    private void finishFlows() {
        for (Link link : links) {
            SequenceFlow flow = model.getModelElementById(link.id());
            if (flow == null) {
                throw new IllegalStateException("the flow " + link.id() + " was planned but never made");
            }
            if (link.name() != null) {
                flow.setName(link.name());
            }
            if (link.condition() != null) {
                ConditionExpression condition = model.newInstance(ConditionExpression.class);
                condition.setTextContent(link.condition());
                flow.setConditionExpression(condition);
            }
            if (link.isDefault()) {
                ((ExclusiveGateway) flow.getSource()).setDefault(flow);
            }
        }
    }
}
