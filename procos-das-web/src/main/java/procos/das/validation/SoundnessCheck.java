package procos.das.validation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;

/**
 * Soundness of one scope, decided on its {@link StateSpace}:
 * <ul>
 *   <li><b>deadlock</b>: a reachable state holds tokens but nothing can fire, and no end event has
 *       been reached yet; the elements the tokens wait at are named (typically a parallel join
 *       after an exclusive split);</li>
 *   <li><b>improper completion</b>: the same, after an end event has been reached: the process
 *       reached its end with tokens left behind forever (terminate end events remove every token
 *       and so are never improper);</li>
 *   <li><b>lack of synchronization</b>: a flow holds two tokens at once; the merge that let them
 *       through is named (typically an exclusive join after a parallel split);</li>
 *   <li><b>no option to complete</b>: from some reachable state no state without tokens (nor a
 *       dead one, reported above) can be reached: tokens circulate forever, e.g. a loop without exit;</li>
 *   <li><b>state space exceeded</b>: the budget ran out; what was found so far is still reported,
 *       as a warning says the check is incomplete.</li>
 * </ul>
 * The token game is played on the scope's {@link ReducedNet}: series, parallel and exclusive blocks
 * and exclusive loops are merged first, which preserves each of these properties, so nested parallel
 * blocks cost a handful of states instead of every interleaving of their branches. What is left (and
 * named in findings) are the nodes no rule could merge: the joins, merges and events where something
 * can go wrong.
 */
final class SoundnessCheck {

    private final int maxStates;
    private final boolean reduce;

    SoundnessCheck(int maxStates) {
        this(maxStates, true);
    }

    /** With {@code reduce} false the token game is played on every sequence flow (to compare against the reduction). */
    SoundnessCheck(int maxStates, boolean reduce) {
        this.maxStates = maxStates;
        this.reduce = reduce;
    }

    /** The findings, the number of states explored and the number of places (flows left after reduction) of the token game. */
    record Result(List<Finding> findings, int states, int places) {
    }

    Result check(FlowGraph graph) {
        TokenNet net = new TokenNet(graph, reduce ? ReducedNet.reduced(graph) : ReducedNet.unreduced(graph));
        StateSpace space = StateSpace.explore(net, maxStates);
        List<Finding> findings = new ArrayList<>();
        stuck(net, space, findings);
        unsynchronized(net, space, findings);
        if (space.exceeded()) {
            findings.add(Finding.warning(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED, graph.scope().id(), "the soundness check of '"
                    + graph.scope().id() + "' stopped after " + space.states() + " states (procos.validation.max-states);"
                    + " deadlocks, stranded tokens and loops without exit beyond them were not looked for"));
        } else {
            livelock(net, space, findings, graph.scope().id());
        }
        return new Result(findings, space.states(), net.flowCount());
    }

    private static void stuck(TokenNet net, StateSpace space, List<Finding> findings) {
        Set<FlowNode> deadlocked = new LinkedHashSet<>();
        Set<FlowNode> stranded = new LinkedHashSet<>();
        for (int state = space.dead.nextSetBit(0); state >= 0; state = space.dead.nextSetBit(state + 1)) {
            (space.ended(state) ? stranded : deadlocked).addAll(waitingAt(net, space, state));
        }
        for (FlowNode node : deadlocked) {
            findings.add(Finding.error(Rules.SOUNDNESS_DEADLOCK, node.getId(), FlowGraph.describe(node)
                    + " can wait forever: in a reachable state its token can never move on"
                    + (node instanceof ParallelGateway ? "; a parallel join waits for a token on every incoming flow, but not all"
                    + " of them get one (e.g. after an exclusive split): join with an exclusive gateway, or split in parallel" : "")));
        }
        for (FlowNode node : stranded) {
            findings.add(Finding.error(Rules.SOUNDNESS_IMPROPER_COMPLETION, node.getId(), "an end event can be reached while a token"
                    + " is left waiting at " + FlowGraph.describe(node) + " forever: the process ends with work left undone"));
        }
    }

    private static Set<FlowNode> waitingAt(TokenNet net, StateSpace space, int state) {
        Set<FlowNode> nodes = new LinkedHashSet<>();
        for (int flow = 0; flow < net.flowCount(); flow++) {
            if (space.tokens(state, flow) > 0) {
                nodes.add(net.target(flow));
            }
        }
        return nodes;
    }

    private static void unsynchronized(TokenNet net, StateSpace space, List<Finding> findings) {
        Set<FlowNode> merges = new LinkedHashSet<>();
        BitSet overfull = space.overfull;
        for (int flow = overfull.nextSetBit(0); flow >= 0; flow = overfull.nextSetBit(flow + 1)) {
            if (net.incomingCount(net.source(flow)) > 1) {
                merges.add(net.source(flow));
            }
        }
        if (merges.isEmpty()) {
            for (int flow = overfull.nextSetBit(0); flow >= 0; flow = overfull.nextSetBit(flow + 1)) {
                merges.add(net.source(flow));
            }
        }
        for (FlowNode merge : merges) {
            findings.add(Finding.error(Rules.SOUNDNESS_LACK_OF_SYNCHRONIZATION, merge.getId(), FlowGraph.describe(merge)
                    + " lets tokens of concurrent paths through one by one, so what follows it runs more than once;"
                    + " synchronize parallel paths with a parallel join"));
        }
    }

    /**
     * Where the tokens of the cycle's states wait, and the nodes merged into their flows (which
     * circulate as well); with {@code loopsOnly}, only tokens on a loop of the model, not those
     * waiting elsewhere while the loop runs.
     */
    private static Set<FlowNode> circling(TokenNet net, StateSpace space, List<Integer> cycle, boolean loopsOnly) {
        Set<FlowNode> circling = new LinkedHashSet<>();
        for (int state : cycle) {
            for (int flow = 0; flow < net.flowCount(); flow++) {
                if (space.tokens(state, flow) > 0 && (!loopsOnly || net.onLoop(flow))) {
                    circling.add(net.target(flow));
                    circling.addAll(net.through(flow));
                }
            }
        }
        return circling;
    }

    private static void livelock(TokenNet net, StateSpace space, List<Finding> findings, String scopeId) {
        BitSet never = space.neverFinishing();
        if (never.isEmpty()) {
            return;
        }
        List<Integer> cycle = space.cycleFrom(never.nextSetBit(0));
        Set<FlowNode> circling = circling(net, space, cycle, true);
        if (circling.isEmpty()) {
            circling = circling(net, space, cycle, false);
        }
        FlowNode first = circling.iterator().next();
        findings.add(Finding.error(Rules.SOUNDNESS_NO_OPTION_TO_COMPLETE, first.getId(), "'" + scopeId + "' can get into a state"
                + " from which it can never complete: tokens keep circulating among "
                + String.join(", ", circling.stream().map(FlowNode::getId).toList()) + " without reaching an end event"));
    }
}
