package procos.das.generation.governance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The metadata ProcOS keeps on a generated process, as {@code camunda:property} entries of its
 * {@code process} element: they travel with the deployed XML, so every version describes itself.
 */
public final class ProcosProperties {

    public static final String VERSION = "procos.version";
    public static final String INTENT = "procos.intent";
    public static final String DOMAIN = "procos.domain";
    public static final String CREATED_BY = "procos.created_by";
    public static final String VALIDATION_HASH = "procos.validation_hash";
    public static final String ROLLED_BACK_FROM = "procos.rolled_back_from";
    public static final String ROLLED_BACK_BY = "procos.rolled_back_by";

    static final String PREFIX = "procos.";

    private ProcosProperties() {
    }

    /** The process's {@code procos.*} properties, in document order; the first of a repeated name wins. */
    public static Map<String, String> read(Process process) {
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = process.getExtensionElements();
        if (extensions == null) {
            return properties;
        }
        for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : group.getCamundaProperties()) {
                String name = property.getCamundaName();
                if (name != null && name.startsWith(PREFIX) && property.getCamundaValue() != null) {
                    properties.putIfAbsent(name, property.getCamundaValue());
                }
            }
        }
        return properties;
    }

    /** Sets {@code name} to {@code value} on the process, replacing every earlier entry of that name. */
    public static void set(Process process, String name, String value) {
        BpmnModelInstance model = (BpmnModelInstance) process.getModelInstance();
        ExtensionElements extensions = process.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            process.setExtensionElements(extensions);
        }
        CamundaProperties target = null;
        for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : group.getCamundaProperties().toArray(CamundaProperty[]::new)) {
                if (name.equals(property.getCamundaName())) {
                    group.getCamundaProperties().remove(property);
                }
            }
            target = target == null ? group : target;
        }
        if (target == null) {
            target = model.newInstance(CamundaProperties.class);
            extensions.addChildElement(target);
        }
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        target.getCamundaProperties().add(property);
    }
}
