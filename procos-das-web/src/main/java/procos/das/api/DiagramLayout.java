package procos.das.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * A model's diagram as plain data (shapes with bounds, edges with waypoints), read from its BPMN
 * DI, for clients that draw or highlight elements without parsing XML.
 */
final class DiagramLayout {

    private DiagramLayout() {
    }

    static Map<String, Object> of(BpmnModelInstance model) {
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            Bounds bounds = shape.getBounds();
            BaseElement element = shape.getBpmnElement();
            if (bounds == null || element == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("element", element.getId());
            entry.put("type", element.getElementType().getTypeName());
            entry.put("x", bounds.getX());
            entry.put("y", bounds.getY());
            entry.put("width", bounds.getWidth());
            entry.put("height", bounds.getHeight());
            shapes.add(entry);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (edge.getBpmnElement() == null) {
                continue;
            }
            List<List<Double>> points = new ArrayList<>();
            for (Waypoint waypoint : edge.getWaypoints()) {
                points.add(List.of(waypoint.getX(), waypoint.getY()));
            }
            edges.add(Map.of("element", edge.getBpmnElement().getId(), "waypoints", points));
        }
        return Map.of("shapes", shapes, "edges", edges);
    }
}
