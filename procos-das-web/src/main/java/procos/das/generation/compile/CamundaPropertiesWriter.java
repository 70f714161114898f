package procos.das.generation.compile;

import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Adds {@code camunda:properties}, the name/value pairs ProcOS reads from a model, to one element. */
final class CamundaPropertiesWriter {

    private CamundaPropertiesWriter() {
    }

    static void add(BaseElement element, Map<String, String> properties) {
        BpmnModelInstance model = (BpmnModelInstance) element.getModelInstance();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            element.setExtensionElements(extensions);
        }
        CamundaProperties list = extensions.addExtensionElement(CamundaProperties.class);
        properties.forEach((name, value) -> {
            CamundaProperty property = model.newInstance(CamundaProperty.class);
            property.setCamundaName(name);
            property.setCamundaValue(value);
            list.getCamundaProperties().add(property);
        });
    }
}
