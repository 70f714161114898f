package procos.das.generation.governance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FormalExpression;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnector;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;

/**
 * Reads from every element of a compiled model (not only the ones a compiler would write: a model
 * may arrive edited) the task types it uses and the places where it would run code inside the
 * engine. Extension attributes are read in Camunda's namespace and in the Activiti one the engine
 * still accepts as its alias.
 */
final class CompiledModelScan {

    private static final List<String> EXTENSION_NS = List.of(BpmnModelConstants.CAMUNDA_NS, BpmnModelConstants.ACTIVITI_NS);

    /** One element that would run code inside the engine, and how. */
    record EngineCode(String elementId, String reason) {
    }

    private final Collection<ModelElementInstance> elements = new LinkedHashSet<>();

    CompiledModelScan(BpmnModelInstance model) {
        // Every element of every type the model knows; the engine reads no element of another type.
        for (ModelElementType type : model.getModel().getTypes()) {
            elements.addAll(type.getInstances(model));
        }
    }

    /** External task topics and scripts, each with the element holding it. */
    List<TaskTypeUse> taskTypes() {
        List<TaskTypeUse> uses = new ArrayList<>();
        for (ModelElementInstance element : elements) {
            String topic = extensionAttribute(element, "topic");
            if (topic != null) {
                uses.add(new TaskTypeUse(ownerId(element), topic.trim(), "topic of " + describe(element)));
            }
            if (element instanceof ScriptTask task) {
                uses.add(scriptUse(element, task.getScriptFormat()));
            } else if (element instanceof CamundaScript script) {
                uses.add(scriptUse(element, script.getCamundaScriptFormat()));
            } else if (element instanceof FormalExpression expression && expression.getLanguage() != null) {
                uses.add(scriptUse(element, expression.getLanguage()));
            }
        }
        return uses;
    }

    /**
     * Why each element that would run code inside the engine does so: Java classes and delegates,
     * service types other than {@code external} ({@code shell} runs operating-system commands),
     * expression-backed service tasks and connectors. Generated processes do their work through PDEs.
     */
    List<EngineCode> engineCode() {
        List<EngineCode> found = new ArrayList<>();
        for (ModelElementInstance element : elements) {
            String id = ownerId(element);
            for (String attribute : List.of("class", "delegateExpression")) {
                String value = extensionAttribute(element, attribute);
                if (value != null && !value.isBlank()) {
                    found.add(new EngineCode(id, describe(element) + " runs the Java " + attribute + " '" + value.trim() + "'"));
                }
            }
            // Only on a task or message event is camunda:type how it works; on a form field it is the field's data type.
            String type = serviceLike(element) ? extensionAttribute(element, "type") : null;
            if (type != null && !type.trim().equalsIgnoreCase("external")) {
                found.add(new EngineCode(id, describe(element) + " has camunda:type '" + type.trim() + "'; only 'external' is allowed"));
            }
            String expression = extensionAttribute(element, "expression");
            if (expression != null && serviceLike(element)) {
                found.add(new EngineCode(id, describe(element) + " evaluates the expression '" + expression.trim() + "' as its work"));
            }
            if (element instanceof CamundaConnector) {
                found.add(new EngineCode(id, describe(element) + " calls a connector"));
            }
        }
        return found;
    }

    private static boolean serviceLike(ModelElementInstance element) {
        return element instanceof ServiceTask || element instanceof SendTask || element instanceof BusinessRuleTask
                || element instanceof MessageEventDefinition;
    }

    private static TaskTypeUse scriptUse(ModelElementInstance element, String language) {
        String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        return new TaskTypeUse(ownerId(element), "script." + lang, "script of " + describe(element));
    }

    private static String extensionAttribute(ModelElementInstance element, String name) {
        for (String namespace : EXTENSION_NS) {
            String value = element.getAttributeValueNs(namespace, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The id of the element or of its nearest ancestor that has one; {@code null} at the top. */
    static String ownerId(ModelElementInstance element) {
        for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
            if (at instanceof BaseElement base && base.getId() != null) {
                return base.getId();
            }
        }
        return null;
    }

    private static String describe(ModelElementInstance element) {
        String type = element.getElementType().getTypeName();
        return element instanceof BaseElement base && base.getId() != null ? type + " '" + base.getId() + "'" : type;
    }
}
