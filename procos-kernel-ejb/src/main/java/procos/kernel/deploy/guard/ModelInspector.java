package procos.kernel.deploy.guard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import procos.kernel.config.SettingsValidator;
import procos.kernel.deploy.guard.GuardFinding.Severity;

/**
 * Walks one BPMN file, element by element, and reports what in it could run code: Java class
 * names, service types other than {@code external}, scripts, and every attribute value or text
 * that holds an expression ({@code ${…}} or {@code #{…}}), wherever it is — so a place the engine
 * evaluates that is not listed here is covered as well. The XML is read by a streaming parser
 * that resolves no DTD and no entity; a DOCTYPE is itself a finding.
 */
final class ModelInspector {

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /** Camunda's extension namespace, and the Activiti one the engine still reads as its alias. */
    static final Set<String> EXTENSION_NS = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");

    private static final int MAX_QUOTED = 120;

    private final GuardPolicy policy;
    private final ExpressionInspector expressions;

    ModelInspector(GuardPolicy policy) {
        this.policy = policy;
        this.expressions = new ExpressionInspector(policy);
    }

    List<GuardFinding> inspect(byte[] xml) {
        Walk walk = new Walk();
        XMLStreamReader reader = null;
        try {
            reader = HardenedXml.read(xml);
            walk.run(reader);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            walk.findings.add(new GuardFinding(GuardRule.XML_MALFORMED, Severity.ERROR, walk.elementId(),
                    "not well-formed XML: " + HardenedXml.reason(e), at == null ? 0 : at.getLineNumber(),
                    at == null ? 0 : at.getColumnNumber()));
        } finally {
            HardenedXml.close(reader);
        }
        return List.copyOf(walk.findings);
    }

    static boolean holdsExpression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    /** One element being read: where it is, the id findings inside it are reported under, its text. */
    private record Frame(String displayName, String elementId, int line, int column, boolean textIsEvaluated,
                         StringBuilder text) {
    }

    private final class Walk {

        final List<GuardFinding> findings = new ArrayList<>();
        private final Deque<Frame> open = new ArrayDeque<>();

        String elementId() {
            return open.isEmpty() ? null : open.peek().elementId();
        }

        void run(XMLStreamReader reader) throws XMLStreamException {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD -> {
                        Location at = reader.getLocation();
                        findings.add(new GuardFinding(GuardRule.XML_DOCTYPE, Severity.ERROR, null,
                                "the file declares a DOCTYPE; BPMN models may not declare DTDs or entities",
                                at.getLineNumber(), at.getColumnNumber()));
                        return;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        // Only declared entities are reported so, and a DTD never gets this far: fail closed.
                        Location at = reader.getLocation();
                        findings.add(new GuardFinding(GuardRule.XML_MALFORMED, Severity.ERROR, elementId(),
                                "unresolved entity reference &" + reader.getLocalName() + ";", at.getLineNumber(), at.getColumnNumber()));
                        return;
                    }
                    case XMLStreamConstants.START_ELEMENT -> start(reader);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text().append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> end();
                    default -> {
                        // comments and processing instructions are never evaluated
                    }
                }
            }
        }

        private void start(XMLStreamReader reader) {
            String namespace = String.valueOf(reader.getNamespaceURI());
            String local = reader.getLocalName();
            boolean bpmn = BPMN_NS.equals(namespace);
            boolean extension = EXTENSION_NS.contains(namespace);
            String ownId = reader.getAttributeValue(null, "id");
            String elementId = ownId != null && !ownId.isBlank() ? ownId : elementId();
            Location at = reader.getLocation();
            String name = reader.getAttributeValue(null, "name");
            // Elements without an id of their own (an input parameter, a field) are told apart by their name.
            String display = qualified(reader.getPrefix(), local) + (ownId == null && name != null ? " '" + quoted(name) + "'" : "");

            boolean scriptElement = extension && local.equals("script");
            // A formal expression with a language (conditionExpression, completionCondition, …) is a script.
            String language = reader.getAttributeValue(null, "language");
            boolean scriptBody = bpmn && local.equals("script") || scriptElement || language != null;
            boolean neverEvaluated = bpmn && (local.equals("documentation") || local.equals("text"));
            Frame frame = new Frame(display, elementId, at.getLineNumber(), at.getColumnNumber(),
                    !scriptBody && !neverEvaluated, new StringBuilder());
            if (bpmn && local.equals("scriptTask")) {
                script(frame, reader.getAttributeValue(null, "scriptFormat"), extensionAttribute(reader, "resource"));
            }
            if (scriptElement) {
                script(frame, reader.getAttributeValue(null, "scriptFormat"), reader.getAttributeValue(null, "resource"));
            }
            if (language != null) {
                script(frame, language, null);
            }
            if (extension && local.equals("constraint") && "validator".equals(name)) {
                String validator = reader.getAttributeValue(null, "config");
                if (validator != null && !holdsExpression(validator)) {
                    javaClass(frame, validator, "validator of " + display);
                }
            }
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attribute(frame, extension, reader.getAttributeNamespace(i), reader.getAttributePrefix(i),
                        reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
            open.push(frame);
        }

        private void attribute(Frame frame, boolean onExtensionElement, String namespace, String prefix, String local,
                               String value) {
            boolean extensionAttribute = namespace != null && EXTENSION_NS.contains(namespace);
            boolean unqualified = namespace == null || namespace.isEmpty();
            String display = "attribute " + qualified(prefix, local);
            if ((extensionAttribute || onExtensionElement && unqualified)
                    && (local.equals("class") || local.endsWith("Class")) && !value.isBlank()) {
                javaClass(frame, value.trim(), display);
                return;
            }
            if (extensionAttribute && local.equals("type") && !value.trim().equalsIgnoreCase("external")) {
                add(frame, GuardRule.SERVICE_TYPE, Severity.ERROR, display + " is '" + value
                        + "'; only 'external' is accepted ('shell' runs operating-system commands, 'mail' sends mail)");
            }
            if (holdsExpression(value)) {
                expression(frame, value, display + " of " + frame.displayName());
            }
        }

        private void end() {
            Frame frame = open.pop();
            String text = frame.text().toString().trim();
            if (frame.textIsEvaluated() && holdsExpression(text)) {
                expression(frame, text, "text of " + frame.displayName());
            }
        }

        private void expression(Frame frame, String expression, String where) {
            Optional<String> refusal = expressions.refusal(expression);
            refusal.ifPresent(reason -> add(frame, GuardRule.EXPRESSION, Severity.ERROR,
                    where + " holds " + quoted(expression) + ", which " + reason));
        }

        private void javaClass(Frame frame, String className, String where) {
            if (policy.allowsClass(className)) {
                add(frame, GuardRule.JAVA_CLASS, Severity.WARNING, where + " names the Java class " + className
                        + ", allowed by " + SettingsValidator.DEPLOY_ALLOWED_CLASSES);
            } else {
                add(frame, GuardRule.JAVA_CLASS, Severity.ERROR, where + " names the Java class '" + className
                        + "'; models may name Java classes only when " + SettingsValidator.DEPLOY_ALLOWED_CLASSES + " lists them");
            }
        }

        private void script(Frame frame, String language, String resource) {
            String what = frame.displayName() + " runs a script in " + (language == null ? "no named language" : "'" + language + "'")
                    + (resource == null ? "" : " from '" + resource + "'");
            if (policy.allowsScriptLanguage(language)) {
                add(frame, GuardRule.SCRIPT, Severity.WARNING, what + ", allowed by " + SettingsValidator.DEPLOY_ALLOWED_SCRIPT_LANGUAGES);
            } else {
                add(frame, GuardRule.SCRIPT, Severity.ERROR, what + "; scripts run only in languages "
                        + SettingsValidator.DEPLOY_ALLOWED_SCRIPT_LANGUAGES + " lists");
            }
        }

        private void add(Frame frame, GuardRule rule, Severity severity, String message) {
            findings.add(new GuardFinding(rule, severity, frame.elementId(), message, frame.line(), frame.column()));
        }
    }

    private static String extensionAttribute(XMLStreamReader reader, String local) {
        for (String namespace : EXTENSION_NS) {
            String value = reader.getAttributeValue(namespace, local);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String quoted(String expression) {
        String oneLine = expression.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED) + "…";
    }
}
