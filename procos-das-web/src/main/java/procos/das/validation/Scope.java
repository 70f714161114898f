package procos.das.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * One level of control flow: a process, an embedded subprocess or an event subprocess, with the
 * flow nodes and sequence flows directly inside it. Nested subprocesses are their own scopes and
 * appear in their parent only as one activity.
 *
 * @param element         the process or subprocess
 * @param kind            what the container is, which decides the start events it may have
 * @param nodes           flow nodes directly inside, in document order, event subprocesses left out
 * @param flows           sequence flows directly inside, in document order
 */
record Scope(BaseElement element, Kind kind, List<FlowNode> nodes, List<SequenceFlow> flows) {

    enum Kind { PROCESS, SUBPROCESS, EVENT_SUBPROCESS }

    String id() {
        return element.getId();
    }

    /** Every scope of the model: each process, then its subprocesses depth first, in document order. */
    static List<Scope> of(BpmnModelInstance model) {
        List<Scope> scopes = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            collect(process, Kind.PROCESS, process.getFlowElements(), scopes);
        }
        return scopes;
    }

    private static void collect(BaseElement element, Kind kind, Collection<FlowElement> elements, List<Scope> scopes) {
        List<FlowNode> nodes = new ArrayList<>();
        List<SequenceFlow> flows = new ArrayList<>();
        List<SubProcess> nested = new ArrayList<>();
        for (FlowElement child : elements) {
            if (child instanceof SequenceFlow flow) {
                flows.add(flow);
            } else if (child instanceof SubProcess subProcess) {
                nested.add(subProcess);
                if (!subProcess.triggeredByEvent()) {
                    nodes.add(subProcess);
                }
            } else if (child instanceof FlowNode node) {
                nodes.add(node);
            }
        }
        scopes.add(new Scope(element, kind, List.copyOf(nodes), List.copyOf(flows)));
        for (SubProcess subProcess : nested) {
            collect(subProcess, subProcess.triggeredByEvent() ? Kind.EVENT_SUBPROCESS : Kind.SUBPROCESS,
                    subProcess.getFlowElements(), scopes);
        }
    }

    /** A process or subprocess with no flow nodes: a black-box pool or a placeholder, nothing to check. */
    boolean isEmpty() {
        return nodes.isEmpty();
    }
}
