package procos.das.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * The shape every scope must have: exactly one start event of a supported kind, at least one end
 * event, every node reachable from the start and every node on a path to an end. A scope without
 * an end event that loops through a timer or message catch event is a service meant to run forever
 * (the root orchestrator is one): a warning, unless the model was generated.
 */
final class StructureRules {

    /** True when the scope is well-formed enough for the token game to mean something. */
    record Result(List<Finding> findings, boolean soundnessApplies) {
    }

    /** @param generated whether the model is one ProcOS generated (a perpetual loop is then an error) */
    Result check(FlowGraph graph, boolean generated) {
        List<Finding> findings = new ArrayList<>();
        Scope scope = graph.scope();
        List<StartEvent> starts = graph.startEvents();
        checkStarts(scope, starts, findings);
        List<EndEvent> ends = graph.endEvents();
        if (ends.isEmpty()) {
            FlowNode waiting = waitingInLoop(graph);
            if (waiting != null && !generated) {
                findings.add(Finding.warning(Rules.STRUCTURE_END_EVENTS, scope.id(), describe(scope) + " has no end event: it runs"
                        + " forever, waiting at " + FlowGraph.describe(waiting) + " in a loop (fine for a platform service;"
                        + " a generated model must end)"));
            } else {
                findings.add(Finding.error(Rules.STRUCTURE_END_EVENTS, scope.id(),
                        describe(scope) + " has no end event; end every path with an end event"));
            }
        }
        if (!starts.isEmpty()) {
            Set<FlowNode> reachable = graph.forwardFrom(starts);
            for (FlowNode node : graph.nodes()) {
                if (!reachable.contains(node) && !FlowGraph.isCompensation(node)) {
                    findings.add(Finding.error(Rules.STRUCTURE_UNREACHABLE, node.getId(),
                            FlowGraph.describe(node) + " cannot be reached from the start event"));
                }
            }
        }
        if (!ends.isEmpty()) {
            Set<FlowNode> finishing = graph.backwardFrom(ends);
            for (FlowNode node : graph.nodes()) {
                if (!finishing.contains(node) && !FlowGraph.isCompensation(node)) {
                    findings.add(Finding.error(Rules.STRUCTURE_NO_PATH_TO_END, node.getId(), FlowGraph.describe(node)
                            + (graph.successors(node).isEmpty() ? " is a dead end: it has no outgoing sequence flow and is not an end event"
                            : " has no path to an end event")));
                }
            }
        }
        return new Result(findings, starts.size() == 1 && !ends.isEmpty());
    }

    private static void checkStarts(Scope scope, List<StartEvent> starts, List<Finding> findings) {
        if (starts.size() != 1) {
            findings.add(Finding.error(Rules.STRUCTURE_START_EVENTS, starts.size() > 1 ? starts.get(1).getId() : scope.id(),
                    describe(scope) + " has " + starts.size() + " start events ("
                            + String.join(", ", starts.stream().map(StartEvent::getId).toList()) + "); exactly one is required"));
        }
        if (scope.kind() == Scope.Kind.EVENT_SUBPROCESS) {
            return;
        }
        for (StartEvent start : starts) {
            List<EventDefinition> definitions = FlowGraph.definitions(start);
            boolean supported = scope.kind() == Scope.Kind.SUBPROCESS ? definitions.isEmpty()
                    : definitions.isEmpty() || (definitions.size() == 1 && (definitions.get(0) instanceof TimerEventDefinition
                            || definitions.get(0) instanceof MessageEventDefinition));
            if (!supported) {
                findings.add(Finding.error(Rules.STRUCTURE_START_EVENTS, start.getId(), "start event '" + start.getId() + "' is a "
                        + definitions.stream().map(definition -> definition.getElementType().getTypeName()).toList()
                        + " start; " + (scope.kind() == Scope.Kind.SUBPROCESS ? "an embedded subprocess starts with a none start event"
                        : "a process starts with a none, timer or message start event")));
            }
        }
    }

    /**
     * A timer or message catch event that lies on a cycle: a scope that loops through one waits for
     * time or the outside world on each round, as a service that runs forever does.
     */
    private static FlowNode waitingInLoop(FlowGraph graph) {
        for (FlowNode node : graph.nodes()) {
            if (node instanceof IntermediateCatchEvent && FlowGraph.definitions((IntermediateCatchEvent) node).stream()
                    .anyMatch(definition -> definition instanceof TimerEventDefinition || definition instanceof MessageEventDefinition)
                    && graph.successors(node).stream().anyMatch(next -> graph.forwardFrom(List.of(next)).contains(node))) {
                return node;
            }
        }
        return null;
    }

    private static String describe(Scope scope) {
        return switch (scope.kind()) {
            case PROCESS -> "process '" + scope.id() + "'";
            case SUBPROCESS -> "subprocess '" + scope.id() + "'";
            case EVENT_SUBPROCESS -> "event subprocess '" + scope.id() + "'";
        };
    }
}
