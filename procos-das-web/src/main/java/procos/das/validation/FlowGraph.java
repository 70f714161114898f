package procos.das.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;

/**
 * The sequence flows of one {@link Scope} as a graph: incoming and outgoing flows of each node read
 * from {@code sourceRef}/{@code targetRef} (the optional {@code <incoming>}/{@code <outgoing>}
 * children are not trusted), which boundary events hang on which activity, and which link catch
 * events a link throw event continues at.
 */
final class FlowGraph {

    private final Scope scope;
    private final Map<FlowNode, List<SequenceFlow>> incoming = new LinkedHashMap<>();
    private final Map<FlowNode, List<SequenceFlow>> outgoing = new LinkedHashMap<>();
    private final Map<FlowNode, List<BoundaryEvent>> boundaries = new LinkedHashMap<>();
    private final Map<FlowNode, List<FlowNode>> linkTargets = new LinkedHashMap<>();

    FlowGraph(Scope scope) {
        this.scope = scope;
        for (FlowNode node : scope.nodes()) {
            incoming.put(node, new ArrayList<>());
            outgoing.put(node, new ArrayList<>());
            boundaries.put(node, new ArrayList<>());
            linkTargets.put(node, new ArrayList<>());
        }
        for (SequenceFlow flow : scope.flows()) {
            if (incoming.containsKey(flow.getTarget()) && outgoing.containsKey(flow.getSource())) {
                incoming.get(flow.getTarget()).add(flow);
                outgoing.get(flow.getSource()).add(flow);
            }
        }
        for (FlowNode node : scope.nodes()) {
            if (node instanceof BoundaryEvent boundary && boundaries.containsKey(boundary.getAttachedTo())) {
                boundaries.get(boundary.getAttachedTo()).add(boundary);
            }
        }
        linkEvents();
    }

    private void linkEvents() {
        for (FlowNode thrower : scope.nodes()) {
            String name = linkName(thrower instanceof IntermediateThrowEvent event ? definitions(event) : List.of());
            if (name == null) {
                continue;
            }
            for (FlowNode catcher : scope.nodes()) {
                if (catcher instanceof IntermediateCatchEvent event && name.equals(linkName(definitions(event)))) {
                    linkTargets.get(thrower).add(catcher);
                }
            }
        }
    }

    private static String linkName(List<EventDefinition> definitions) {
        return definitions.stream().filter(LinkEventDefinition.class::isInstance).map(LinkEventDefinition.class::cast)
                .map(LinkEventDefinition::getName).filter(name -> name != null && !name.isBlank()).findFirst().orElse(null);
    }

    static List<EventDefinition> definitions(Event event) {
        if (event instanceof org.camunda.bpm.model.bpmn.instance.CatchEvent catchEvent) {
            return List.copyOf(catchEvent.getEventDefinitions());
        }
        if (event instanceof org.camunda.bpm.model.bpmn.instance.ThrowEvent throwEvent) {
            return List.copyOf(throwEvent.getEventDefinitions());
        }
        return List.of();
    }

    Scope scope() {
        return scope;
    }

    List<FlowNode> nodes() {
        return scope.nodes();
    }

    List<SequenceFlow> incoming(FlowNode node) {
        return incoming.get(node);
    }

    List<SequenceFlow> outgoing(FlowNode node) {
        return outgoing.get(node);
    }

    List<BoundaryEvent> boundaries(FlowNode node) {
        return boundaries.get(node);
    }

    /** The link catch events a link throw event continues at; empty for every other node. */
    List<FlowNode> linkTargets(FlowNode node) {
        return linkTargets.get(node);
    }

    List<StartEvent> startEvents() {
        return scope.nodes().stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast).toList();
    }

    List<EndEvent> endEvents() {
        return scope.nodes().stream().filter(EndEvent.class::isInstance).map(EndEvent.class::cast).toList();
    }

    static boolean isTerminate(FlowNode node) {
        return node instanceof EndEvent end && definitions(end).stream().anyMatch(TerminateEventDefinition.class::isInstance);
    }

    /**
     * Compensation handlers and compensation boundary events are wired by associations, not by
     * sequence flows: they are reached by the compensation mechanism, not by tokens.
     */
    static boolean isCompensation(FlowNode node) {
        return (node instanceof Activity activity && activity.isForCompensation())
                || (node instanceof BoundaryEvent boundary && definitions(boundary).stream().anyMatch(CompensateEventDefinition.class::isInstance));
    }

    /** Where control can go next from {@code node}: along its flows, to its boundary events and link targets. */
    List<FlowNode> successors(FlowNode node) {
        Set<FlowNode> next = new LinkedHashSet<>();
        outgoing(node).forEach(flow -> next.add(flow.getTarget()));
        next.addAll(boundaries(node));
        next.addAll(linkTargets(node));
        return List.copyOf(next);
    }

    /** Nodes reachable from {@code roots}, roots included. */
    Set<FlowNode> forwardFrom(List<? extends FlowNode> roots) {
        return search(roots, this::successors);
    }

    /** Nodes from which one of {@code targets} is reachable, targets included. */
    Set<FlowNode> backwardFrom(List<? extends FlowNode> targets) {
        Map<FlowNode, List<FlowNode>> predecessors = new LinkedHashMap<>();
        for (FlowNode node : nodes()) {
            for (FlowNode next : successors(node)) {
                predecessors.computeIfAbsent(next, key -> new ArrayList<>()).add(node);
            }
        }
        return search(targets, node -> predecessors.getOrDefault(node, List.of()));
    }

    private static Set<FlowNode> search(List<? extends FlowNode> roots, java.util.function.Function<FlowNode, List<FlowNode>> next) {
        Set<FlowNode> seen = new LinkedHashSet<>(roots);
        Deque<FlowNode> open = new ArrayDeque<>(roots);
        while (!open.isEmpty()) {
            for (FlowNode neighbour : next.apply(open.pop())) {
                if (seen.add(neighbour)) {
                    open.push(neighbour);
                }
            }
        }
        return seen;
    }

    /** How findings describe a node: its id, and its name when it has one. */
    static String describe(FlowNode node) {
        String type = node.getElementType().getTypeName();
        String name = node.getName();
        return type + " '" + node.getId() + "'" + (name == null || name.isBlank() ? "" : " (\"" + name.strip() + "\")");
    }
}
