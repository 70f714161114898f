package procos.das.validation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Gateways either split (one incoming, several outgoing) or join (several incoming, one outgoing);
 * the outgoing flows of an exclusive or inclusive split carry conditions, except one default flow.
 * A gateway that both splits and joins, and a split without a default, are errors in generated
 * models (which ProcOS writes itself and can write cleanly) and warnings in models from elsewhere.
 */
final class GatewayRules {

    List<Finding> check(FlowGraph graph, boolean generated) {
        List<Finding> findings = new ArrayList<>();
        for (FlowNode node : graph.nodes()) {
            if (node instanceof Gateway gateway) {
                check(gateway, graph, generated, findings);
            }
        }
        return findings;
    }

    private static void check(Gateway gateway, FlowGraph graph, boolean generated, List<Finding> findings) {
        int in = graph.incoming(gateway).size();
        List<SequenceFlow> out = graph.outgoing(gateway);
        if (in > 1 && out.size() > 1) {
            findings.add(finding(generated, Rules.GATEWAY_DEGREE, gateway.getId(), FlowGraph.describe(gateway) + " both joins "
                    + in + " flows and splits into " + out.size() + "; use one gateway to join and another to split"));
        } else if (in == 1 && out.size() == 1) {
            findings.add(Finding.warning(Rules.GATEWAY_DEGREE, gateway.getId(),
                    FlowGraph.describe(gateway) + " has one incoming and one outgoing flow: it neither splits nor joins"));
        }
        if (out.size() < 2 || !(gateway instanceof ExclusiveGateway || gateway instanceof InclusiveGateway
                || gateway instanceof ComplexGateway)) {
            return;
        }
        SequenceFlow defaultFlow = defaultFlow(gateway);
        for (SequenceFlow flow : out) {
            if (flow != defaultFlow && flow.getConditionExpression() == null) {
                findings.add(Finding.error(Rules.GATEWAY_CONDITION_MISSING, flow.getId(), "sequence flow '" + flow.getId()
                        + "' leaves " + FlowGraph.describe(gateway) + " without a condition and is not its default flow"));
            }
        }
        if (defaultFlow == null) {
            findings.add(finding(generated, Rules.GATEWAY_DEFAULT_MISSING, gateway.getId(), FlowGraph.describe(gateway)
                    + " has no default flow: when no condition holds the process instance gets stuck with an incident;"
                    + " mark one outgoing flow as the default"));
        }
    }

    private static SequenceFlow defaultFlow(Gateway gateway) {
        if (gateway instanceof ExclusiveGateway exclusive) {
            return exclusive.getDefault();
        }
        if (gateway instanceof InclusiveGateway inclusive) {
            return inclusive.getDefault();
        }
        return ((ComplexGateway) gateway).getDefault();
    }

    private static Finding finding(boolean error, String rule, String elementId, String message) {
        return error ? Finding.error(rule, elementId, message) : Finding.warning(rule, elementId, message);
    }
}
