package procos.das.generation.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Writes a {@link DiagramPlan} into a model's BPMN DI: the shapes and edges the fluent builder made
 * get the planned bounds and waypoints, those it did not make (boundary events, flows into joins)
 * are added. Afterwards every flow node has a shape and every sequence flow an edge, or the
 * compiler has a bug and says so.
 */
final class DiagramWriter {

    private DiagramWriter() {
    }

    static void write(BpmnModelInstance model, DiagramPlan plan) {
        BpmnPlane plane = model.getModelElementsByType(BpmnPlane.class).iterator().next();
        Map<String, BpmnShape> shapes = new HashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shapes.put(shape.getBpmnElement().getId(), shape);
        }
        Map<String, BpmnEdge> edges = new HashMap<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            edges.put(edge.getBpmnElement().getId(), edge);
        }
        plan.shapes().forEach((id, planned) -> {
            BpmnShape shape = shapes.computeIfAbsent(id, missing -> newShape(model, plane, id));
            shape.setBounds(bounds(model, planned));
            if (plan.isExpanded(id)) {
                shape.setExpanded(true);
            }
        });
        plan.edges().forEach((id, points) -> {
            BpmnEdge edge = edges.computeIfAbsent(id, missing -> newEdge(model, plane, id));
            List<Waypoint> old = new ArrayList<>(edge.getWaypoints());
            old.forEach(edge::removeChildElement);
            for (DiagramPlan.Point point : points) {
                Waypoint waypoint = model.newInstance(Waypoint.class);
                waypoint.setX(point.x());
                waypoint.setY(point.y());
                edge.addChildElement(waypoint);
            }
        });
        requireComplete(model, plan);
    }

    private static BpmnShape newShape(BpmnModelInstance model, BpmnPlane plane, String elementId) {
        BpmnShape shape = model.newInstance(BpmnShape.class);
        shape.setId(elementId + "_di");
        shape.setBpmnElement(model.<BaseElement>getModelElementById(elementId));
        plane.addChildElement(shape);
        return shape;
    }

    private static BpmnEdge newEdge(BpmnModelInstance model, BpmnPlane plane, String flowId) {
        BpmnEdge edge = model.newInstance(BpmnEdge.class);
        edge.setId(flowId + "_di");
        edge.setBpmnElement(model.<BaseElement>getModelElementById(flowId));
        plane.addChildElement(edge);
        return edge;
    }

    private static Bounds bounds(BpmnModelInstance model, DiagramPlan.Bounds planned) {
        Bounds bounds = model.newInstance(Bounds.class);
        bounds.setX(planned.x());
        bounds.setY(planned.y());
        bounds.setWidth(planned.width());
        bounds.setHeight(planned.height());
        return bounds;
    }

    private static void requireComplete(BpmnModelInstance model, DiagramPlan plan) {
        List<String> missing = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!plan.shapes().containsKey(node.getId())) {
                missing.add("shape of " + node.getId());
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!plan.edges().containsKey(flow.getId())) {
                missing.add("edge of " + flow.getId());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the diagram of the compiled model is incomplete: " + String.join(", ", missing));
        }
    }
}
