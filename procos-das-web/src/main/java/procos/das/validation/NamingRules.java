package procos.das.validation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;

/**
 * The naming convention of the BPMN guides ProcOS follows, as warnings: activities are named verb +
 * object ("Check invoice"), events as a state ("Invoice checked"), and gateways that decide as a
 * question ending in '?' ("Invoice correct?"). Joins and parallel splits decide nothing and need no name.
 */
final class NamingRules {

    List<Finding> check(FlowGraph graph) {
        List<Finding> findings = new ArrayList<>();
        for (FlowNode node : graph.nodes()) {
            String name = node.getName() == null ? "" : node.getName().strip();
            if (node instanceof Activity) {
                activity(node, name, findings);
            } else if (node instanceof Event) {
                event(node, name, findings);
            } else if (decides(node) && graph.outgoing(node).size() > 1) {
                gateway(node, name, findings);
            }
        }
        return findings;
    }

    private static void activity(FlowNode node, String name, List<Finding> findings) {
        if (name.isEmpty()) {
            findings.add(Finding.warning(Rules.NAMING_ACTIVITY, node.getId(), FlowGraph.describe(node)
                    + " has no name; name activities verb + object, e.g. \"Check invoice\""));
        } else if (EnglishGrammar.words(name).length < 2 || !EnglishGrammar.startsWithVerb(name)) {
            findings.add(Finding.warning(Rules.NAMING_ACTIVITY, node.getId(), FlowGraph.describe(node)
                    + " is not named verb + object; e.g. \"Check invoice\" rather than \"Invoice check\""));
        }
    }

    private static void event(FlowNode node, String name, List<Finding> findings) {
        if (name.isEmpty()) {
            findings.add(Finding.warning(Rules.NAMING_EVENT, node.getId(), FlowGraph.describe(node)
                    + " has no name; name events as the state reached, e.g. \"Invoice received\""));
        } else if (!EnglishGrammar.describesState(name)) {
            findings.add(Finding.warning(Rules.NAMING_EVENT, node.getId(), FlowGraph.describe(node)
                    + " does not name a state; name events as the state reached, e.g. \"Invoice received\""));
        }
    }

    private static void gateway(FlowNode node, String name, List<Finding> findings) {
        if (!name.endsWith("?")) {
            findings.add(Finding.warning(Rules.NAMING_GATEWAY, node.getId(), FlowGraph.describe(node)
                    + " decides between paths; name it as the question it asks, ending in '?', e.g. \"Invoice correct?\""));
        }
    }

    private static boolean decides(FlowNode node) {
        return node instanceof ExclusiveGateway || node instanceof InclusiveGateway || node instanceof EventBasedGateway
                || node instanceof ComplexGateway;
    }
}
