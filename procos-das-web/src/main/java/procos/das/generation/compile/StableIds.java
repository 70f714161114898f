package procos.das.generation.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Replaces the random ids the fluent builder gives the elements it makes on its own (timer
 * definitions, condition expressions, messages, diagram shapes) with ids named after what they
 * belong to ({@code check_stock_deadline_timer_event_definition}, {@code check_stock_di}), so the same
 * description always compiles to the same XML. The model API carries references along.
 */
final class StableIds {

    /** What the builder's own elements are called inside their owner's id. */
    private static final Map<String, String> SHORT_NAMES = Map.of(
            "timerEventDefinition", "timer", "timeDuration", "duration", "timeCycle", "cycle", "timeDate", "date",
            "messageEventDefinition", "message", "conditionExpression", "condition",
            "multiInstanceLoopCharacteristics", "rounds", "loopCardinality", "cardinality",
            "completionCondition", "completion");

    private StableIds() {
    }

    static void apply(BpmnModelInstance model, ElementIds ids, String key) {
        List<BaseElement> unnamed = new ArrayList<>();
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getId() != null && !ids.isTaken(element.getId())) {
                unnamed.add(element);
            }
        }
        for (BaseElement element : unnamed) {
            String typeName = element.getElementType().getTypeName();
            String type = SHORT_NAMES.getOrDefault(typeName,
                    ElementIds.snakeCase(typeName.replaceAll("([a-z])([A-Z])", "$1_$2"), "element", ElementIds.MAX_LENGTH));
            element.setId(element instanceof Message message
                    ? ids.fromName("message " + message.getName(), "message")
                    : ids.derived(owner(element, ids), type));
        }
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shape.setId(ids.derived(shape.getBpmnElement().getId(), "di"));
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            edge.setId(ids.derived(edge.getBpmnElement().getId(), "di"));
        }
        for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
            plane.setId(ids.derived(key, "plane"));
        }
        for (BpmnDiagram diagram : model.getModelElementsByType(BpmnDiagram.class)) {
            diagram.setId(ids.derived(key, "diagram"));
        }
    }

    /** The id of the nearest enclosing element the compiler named itself. */
    private static String owner(BaseElement element, ElementIds ids) {
        for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent instanceof BaseElement base && base.getId() != null && ids.isTaken(base.getId())) {
                return base.getId();
            }
        }
        return "element";
    }
}
