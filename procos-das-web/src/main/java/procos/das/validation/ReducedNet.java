package procos.das.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;

/**
 * The control flow of one {@link FlowGraph} as arcs between flow nodes, optionally reduced by rules
 * that preserve soundness (in the spirit of Sadiq and Orlowska's reduction of workflow graphs), so
 * that the {@link StateSpace} of a block-structured model does not grow with the interleavings of its
 * parallel branches. Each rule replaces a fragment that one token always passes through, and that
 * two tokens pass through exactly when they could meet on its exit flow, by one arc:
 * <ul>
 *   <li><b>series</b>: a node with one incoming and one outgoing arc (an activity, an intermediate
 *       event, or an exclusive or parallel gateway) disappears into a single arc;</li>
 *   <li><b>block</b>: a parallel split with one incoming arc whose outgoing arcs all lead to one
 *       parallel join, which has no other incoming arc and one outgoing arc, becomes one arc; so does
 *       an exclusive split whose arcs all lead to one exclusive merge;</li>
 *   <li><b>loop</b>: an exclusive merge with one entry whose single arc leads to an exclusive split
 *       with one exit, every other arc of the split leading back to the merge, becomes one arc from
 *       the entry to the exit (the loop can always be left);</li>
 * </ul>
 * applied until none applies. Mixed blocks (an exclusive split joined in parallel, a parallel split
 * merged exclusively) are never reduced, so the token game still finds their deadlock or lack of
 * synchronization. Start, end and boundary events, activities with boundary events, link events,
 * inclusive, complex and event-based gateways and what directly follows an event-based gateway are
 * left as they are: their semantics are the token game's to decide. Each arc keeps the sequence flows
 * and flow nodes it stands for, so findings can name them.
 */
final class ReducedNet {

    /**
     * One place of the token game: a sequence flow, a virtual flow from a link throw event to a
     * catch event, or a fragment the reduction merged.
     *
     * @param source  the node that puts a token on it
     * @param target  the node that takes the token
     * @param through the flow nodes merged into it, in flow order (empty for a plain flow)
     * @param flows   the ids of the sequence flows merged into it
     */
    record Arc(FlowNode source, FlowNode target, List<FlowNode> through, List<String> flows) {
    }

    private final FlowGraph graph;
    private final Set<FlowNode> nodes = new LinkedHashSet<>();
    private final Map<FlowNode, List<Arc>> in = new LinkedHashMap<>();
    private final Map<FlowNode, List<Arc>> out = new LinkedHashMap<>();

    private ReducedNet(FlowGraph graph) {
        this.graph = graph;
        for (FlowNode node : graph.nodes()) {
            nodes.add(node);
            in.put(node, new ArrayList<>());
            out.put(node, new ArrayList<>());
        }
        for (FlowNode node : graph.nodes()) {
            graph.outgoing(node).forEach(flow -> add(new Arc(node, flow.getTarget(), List.of(), List.of(flow.getId()))));
            graph.linkTargets(node).forEach(catcher -> add(new Arc(node, catcher, List.of(), List.of())));
        }
    }

    /** The scope's flows as they are, one arc per sequence flow and link. */
    static ReducedNet unreduced(FlowGraph graph) {
        return new ReducedNet(graph);
    }

    /** The scope's flows with every reduction applied until none applies. */
    static ReducedNet reduced(FlowGraph graph) {
        ReducedNet net = new ReducedNet(graph);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (FlowNode node : List.copyOf(net.nodes)) {
                if (net.nodes.contains(node) && (net.series(node) || net.block(node) || net.loop(node))) {
                    changed = true;
                }
            }
        }
        return net;
    }

    /** The nodes left, in document order. */
    List<FlowNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Every arc, grouped by source node in document order. */
    List<Arc> arcs() {
        List<Arc> arcs = new ArrayList<>();
        nodes.forEach(node -> arcs.addAll(out.get(node)));
        return arcs;
    }

    private boolean series(FlowNode node) {
        if (!absorbable(node) || in.get(node).size() != 1 || out.get(node).size() != 1) {
            return false;
        }
        Arc before = in.get(node).get(0);
        Arc after = out.get(node).get(0);
        if (before.source() == node) {
            return false;
        }
        replace(List.of(before, after), List.of(node), through(before, node, after), before, after);
        return true;
    }

    private boolean block(FlowNode split) {
        if (!(split instanceof ParallelGateway || split instanceof ExclusiveGateway) || !absorbable(split)) {
            return false;
        }
        List<Arc> branches = out.get(split);
        if (in.get(split).size() != 1 || branches.size() < 2) {
            return false;
        }
        FlowNode join = branches.get(0).target();
        boolean sameKind = split instanceof ParallelGateway ? join instanceof ParallelGateway : join instanceof ExclusiveGateway;
        if (join == split || !sameKind || !absorbable(join) || in.get(join).size() != branches.size() || out.get(join).size() != 1
                || branches.stream().anyMatch(branch -> branch.target() != join)) {
            return false;
        }
        Arc before = in.get(split).get(0);
        Arc after = out.get(join).get(0);
        if (before.source() == join || after.target() == split) {
            return false;
        }
        List<Arc> merged = new ArrayList<>(List.of(before));
        merged.addAll(branches);
        merged.add(after);
        List<Object> path = new ArrayList<>(List.of(before, split));
        path.addAll(branches);
        path.addAll(List.of(join, after));
        replace(merged, List.of(split, join), through(path.toArray()), before, after);
        return true;
    }

    private boolean loop(FlowNode merge) {
        if (!(merge instanceof ExclusiveGateway) || !absorbable(merge) || out.get(merge).size() != 1) {
            return false;
        }
        Arc forward = out.get(merge).get(0);
        FlowNode split = forward.target();
        if (split == merge || !(split instanceof ExclusiveGateway) || !absorbable(split) || in.get(split).size() != 1) {
            return false;
        }
        List<Arc> back = out.get(split).stream().filter(arc -> arc.target() == merge).toList();
        List<Arc> exits = out.get(split).stream().filter(arc -> arc.target() != merge).toList();
        List<Arc> entries = in.get(merge).stream().filter(arc -> arc.source() != split).toList();
        if (back.isEmpty() || exits.size() != 1 || entries.size() != 1) {
            return false;
        }
        Arc entry = entries.get(0);
        Arc exit = exits.get(0);
        List<Arc> merged = new ArrayList<>(List.of(entry, forward));
        merged.addAll(back);
        merged.add(exit);
        List<Object> path = new ArrayList<>(List.of(entry, merge, forward, split));
        path.addAll(back);
        path.add(exit);
        replace(merged, List.of(merge, split), through(path.toArray()), entry, exit);
        return true;
    }

    /** The flow nodes along a fragment given as its arcs and absorbed nodes in flow order. */
    private static List<FlowNode> through(Object... path) {
        List<FlowNode> through = new ArrayList<>();
        for (Object step : path) {
            if (step instanceof Arc arc) {
                through.addAll(arc.through());
            } else {
                through.add((FlowNode) step);
            }
        }
        return List.copyOf(through);
    }

    /**
     * Removes the {@code merged} arcs and the {@code absorbed} nodes, adding one arc from {@code first}'s
     * source to {@code last}'s target that stands for all of them.
     */
    private void replace(List<Arc> merged, List<FlowNode> absorbed, List<FlowNode> through, Arc first, Arc last) {
        List<String> flows = new ArrayList<>();
        for (Arc arc : merged) {
            flows.addAll(arc.flows());
            // identity, not record equality: two arcs may stand for equal-looking fragments
            in.get(arc.target()).removeIf(candidate -> candidate == arc);
            out.get(arc.source()).removeIf(candidate -> candidate == arc);
        }
        for (FlowNode node : absorbed) {
            nodes.remove(node);
            in.remove(node);
            out.remove(node);
        }
        add(new Arc(first.source(), last.target(), through, List.copyOf(flows)));
    }

    private void add(Arc arc) {
        out.get(arc.source()).add(arc);
        in.get(arc.target()).add(arc);
    }

    /**
     * Whether the token game treats the node as a plain step that a reduction may merge: activities
     * without boundary events, intermediate events other than links, exclusive and parallel gateways,
     * none of them right after an event-based gateway (which races the events that follow it).
     */
    private boolean absorbable(FlowNode node) {
        boolean plain = node instanceof Activity || node instanceof IntermediateCatchEvent || node instanceof IntermediateThrowEvent
                || node instanceof ExclusiveGateway || node instanceof ParallelGateway;
        return plain && !FlowGraph.isCompensation(node) && graph.boundaries(node).isEmpty() && !isLink(node)
                && in.get(node).stream().noneMatch(arc -> arc.source() instanceof EventBasedGateway);
    }

    private static boolean isLink(FlowNode node) {
        return node instanceof Event event && FlowGraph.definitions(event).stream().anyMatch(LinkEventDefinition.class::isInstance);
    }
}
