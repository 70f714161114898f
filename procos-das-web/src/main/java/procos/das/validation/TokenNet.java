package procos.das.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * One scope's control flow as a token game: places are the arcs of a {@link ReducedNet} (the
 * sequence flows, plus one virtual flow from each link throw event to each link catch event of the
 * same name, or fragments of them merged by the reduction), transitions are the ways each node left
 * can fire. Semantics:
 * <ul>
 *   <li>activities and intermediate events take one token from any incoming flow (an implicit
 *       exclusive join) and put one on every outgoing flow (an implicit parallel split); an
 *       interrupting boundary event is an alternative completion that puts tokens on the boundary
 *       event's outgoing flows instead, a non-interrupting one an alternative that puts tokens on
 *       both (it is assumed to fire at most once per activity run); an embedded subprocess is one
 *       activity (it is checked as its own scope);</li>
 *   <li>exclusive and event-based gateways take one token from any incoming flow and put it on one
 *       outgoing flow; parallel gateways wait for a token on every incoming flow and put one on every
 *       outgoing flow;</li>
 *   <li>inclusive (and complex) gateways split into any non-empty subset of their outgoing flows
 *       (the conditions are not evaluated; above {@value #MAX_SUBSET_FLOWS} outgoing flows only single
 *       flows and all flows are tried). Their join is approximated the usual way: it fires when at
 *       least one incoming flow holds a token and no token anywhere can still reach an empty incoming
 *       flow along the flow graph (paths through the join itself do not count); it then takes the
 *       tokens that are there. This is exact for block-structured models and may differ from the
 *       engine where an inclusive join sits in a loop with another one;</li>
 *   <li>end events take one token; a terminate end event removes every token of the scope.</li>
 * </ul>
 */
final class TokenNet {

    static final int MAX_SUBSET_FLOWS = 8;

    /**
     * One way a node can fire.
     *
     * @param consume flows that lose a token (for an inclusive join: its incoming flows, of which those
     *                holding a token lose one)
     * @param produce flows that gain a token
     * @param end     true when the firing ends a path (an end event or a node without outgoing flows)
     * @param upstream for an inclusive join, per incoming flow, the flows from which a token could still
     *                 reach it; {@code null} for every other transition
     */
    record Transition(FlowNode node, int[] consume, int[] produce, boolean end, boolean terminate, BitSet[] upstream) {

        boolean isInclusiveJoin() {
            return upstream != null;
        }
    }

    private final List<FlowNode> sources = new ArrayList<>();
    private final List<FlowNode> targets = new ArrayList<>();
    private final List<ReducedNet.Arc> arcs = new ArrayList<>();
    private final Map<FlowNode, List<Integer>> in = new IdentityHashMap<>();
    private final Map<FlowNode, List<Integer>> out = new IdentityHashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final int[] initial;

    /** The token game of {@code graph}'s control flow, played on the (possibly reduced) arcs of {@code flow}. */
    TokenNet(FlowGraph graph, ReducedNet flow) {
        for (FlowNode node : flow.nodes()) {
            in.put(node, new ArrayList<>());
            out.put(node, new ArrayList<>());
        }
        flow.arcs().forEach(this::addFlow);
        StartEvent start = graph.startEvents().isEmpty() ? null : graph.startEvents().get(0);
        initial = start == null ? new int[0] : ints(out.get(start));
        for (FlowNode node : flow.nodes()) {
            if (!(node instanceof StartEvent) && !(node instanceof BoundaryEvent) && !FlowGraph.isCompensation(node)) {
                addTransitions(node, graph);
            }
        }
    }

    private void addFlow(ReducedNet.Arc arc) {
        int index = arcs.size();
        arcs.add(arc);
        sources.add(arc.source());
        targets.add(arc.target());
        out.get(arc.source()).add(index);
        in.get(arc.target()).add(index);
    }

    private void addTransitions(FlowNode node, FlowGraph graph) {
        List<Integer> ins = in.get(node);
        List<Integer> outs = out.get(node);
        if (ins.isEmpty()) {
            return;
        }
        if (node instanceof ParallelGateway) {
            transitions.add(new Transition(node, ints(ins), ints(outs), outs.isEmpty(), false, null));
        } else if (node instanceof ExclusiveGateway || node instanceof EventBasedGateway) {
            for (int flow : ins) {
                if (outs.isEmpty()) {
                    transitions.add(new Transition(node, new int[] {flow}, new int[0], true, false, null));
                }
                for (int next : outs) {
                    transitions.add(new Transition(node, new int[] {flow}, new int[] {next}, false, false, null));
                }
            }
        } else if (node instanceof InclusiveGateway || node instanceof ComplexGateway) {
            List<int[]> choices = outs.isEmpty() ? List.of(new int[0]) : subsets(outs);
            BitSet[] upstream = ins.size() > 1 ? upstream(node, ins) : null;
            for (int[] choice : choices) {
                transitions.add(new Transition(node, ints(ins), choice, outs.isEmpty(), false, upstream));
            }
        } else if (node instanceof EndEvent) {
            for (int flow : ins) {
                transitions.add(new Transition(node, new int[] {flow}, ints(outs), true, FlowGraph.isTerminate(node), null));
            }
        } else {
            List<int[]> completions = new ArrayList<>();
            completions.add(ints(outs));
            for (BoundaryEvent boundary : graph.boundaries(node)) {
                if (FlowGraph.isCompensation(boundary)) {
                    continue;
                }
                List<Integer> produced = new ArrayList<>(boundary.cancelActivity() ? List.of() : outs);
                produced.addAll(out.get(boundary));
                completions.add(ints(produced));
            }
            for (int flow : ins) {
                for (int[] completion : completions) {
                    transitions.add(new Transition(node, new int[] {flow}, completion, completion.length == 0, false, null));
                }
            }
        }
    }

    /** Per incoming flow of the join, the flows from which a token can reach it without passing the join. */
    private BitSet[] upstream(FlowNode join, List<Integer> ins) {
        BitSet[] upstream = new BitSet[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            BitSet seen = new BitSet();
            Deque<Integer> open = new ArrayDeque<>(List.of(ins.get(i)));
            seen.set(ins.get(i));
            while (!open.isEmpty()) {
                FlowNode source = sources.get(open.pop());
                if (source == join) {
                    continue;
                }
                for (int before : in.get(source)) {
                    if (!seen.get(before)) {
                        seen.set(before);
                        open.push(before);
                    }
                }
            }
            upstream[i] = seen;
        }
        return upstream;
    }

    private static List<int[]> subsets(List<Integer> outs) {
        List<int[]> subsets = new ArrayList<>();
        if (outs.size() > MAX_SUBSET_FLOWS) {
            outs.forEach(flow -> subsets.add(new int[] {flow}));
            subsets.add(ints(outs));
            return subsets;
        }
        for (int mask = 1; mask < (1 << outs.size()); mask++) {
            int[] subset = new int[Integer.bitCount(mask)];
            for (int bit = 0, k = 0; bit < outs.size(); bit++) {
                if ((mask & (1 << bit)) != 0) {
                    subset[k++] = outs.get(bit);
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    int flowCount() {
        return arcs.size();
    }

    /** The flow nodes a reduction merged into {@code flow}, in flow order; empty for a plain sequence flow. */
    List<FlowNode> through(int flow) {
        return arcs.get(flow).through();
    }

    FlowNode source(int flow) {
        return sources.get(flow);
    }

    FlowNode target(int flow) {
        return targets.get(flow);
    }

    int incomingCount(FlowNode node) {
        return in.get(node).size();
    }

    List<Transition> transitions() {
        return transitions;
    }

    /** Whether a token on {@code flow} can come back to it by firing nodes: the flow lies on a loop of the model. */
    boolean onLoop(int flow) {
        BitSet seen = new BitSet();
        Deque<Integer> open = new ArrayDeque<>(List.of(flow));
        while (!open.isEmpty()) {
            int current = open.pop();
            for (Transition transition : transitions) {
                if (!Arrays.stream(transition.consume()).anyMatch(consumed -> consumed == current)) {
                    continue;
                }
                for (int next : transition.produce()) {
                    if (next == flow) {
                        return true;
                    }
                    if (!seen.get(next)) {
                        seen.set(next);
                        open.push(next);
                    }
                }
            }
        }
        return false;
    }

    /** The flows holding a token when the scope starts: those leaving its start event. */
    int[] initial() {
        return initial.clone();
    }
}
