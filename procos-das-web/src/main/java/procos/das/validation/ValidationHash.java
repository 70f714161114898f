package procos.das.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A fingerprint of the validated content of a model, stored in the {@code procos.validation_hash}
 * property of each process so that anyone can tell later whether the model was changed after it
 * passed validation.
 *
 * <p>The hash is the lowercase hex SHA-256 of the UTF-8 bytes of this canonical form of the
 * {@code definitions} element:
 * <ul>
 *   <li>left out: comments, processing instructions, text that is only whitespace, namespace
 *       declarations ({@code xmlns}, {@code xmlns:*}); everything in the BPMN DI namespace
 *       ({@code bpmndi:BPMNDiagram} and its content), so moving shapes does not change the hash; every
 *       {@code camunda:property} named {@code procos.validation_hash}; and a {@code camunda:properties}
 *       or {@code extensionElements} element left empty by these omissions;</li>
 *   <li>an element is written {@code (} + its qualified name + its attributes + its children in
 *       document order + {@code )}; an attribute {@code @} + qualified name + {@code =} + value, the
 *       attributes ordered by qualified name; a text {@code T} + the text with leading and trailing
 *       whitespace removed;</li>
 *   <li>a qualified name is {@code {namespace-uri}local-name} (an empty URI for no namespace), so
 *       prefixes do not matter; every name, value and text is written as its length in UTF-16 units,
 *       {@code :}, then the string, so no two documents share a canonical form.</li>
 * </ul>
 */
public final class ValidationHash {

    static final String DI_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String CAMUNDA_NAMESPACE = "http://camunda.org/schema/1.0/bpmn";
    static final String BPMN_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

    private ValidationHash() {
    }

    /** The hash of the model's content as it is now. */
    public static String compute(BpmnModelInstance model) {
        Node root = model.getDocument().getDomSource().getNode();
        Element definitions = root instanceof org.w3c.dom.Document document ? document.getDocumentElement() : (Element) root;
        StringBuilder canonical = new StringBuilder();
        write(definitions, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Writes the model's hash into the {@code procos.validation_hash} property of each of its processes. */
    public static void stamp(BpmnModelInstance model) {
        String hash = compute(model);
        for (Process process : model.getModelElementsByType(Process.class)) {
            ModelProperties.set(process, ModelProperties.VALIDATION_HASH, hash);
        }
    }

    /** Writes the element's canonical form; false (and nothing written) when it is left out. */
    private static boolean write(Element element, StringBuilder out) {
        if (DI_NAMESPACE.equals(element.getNamespaceURI()) || isHashProperty(element)) {
            return false;
        }
        StringBuilder own = new StringBuilder("(");
        string(qualifiedName(element), own);
        List<Attr> attributes = attributes(element);
        for (Attr attribute : attributes) {
            own.append('@');
            string(qualifiedName(attribute), own);
            own.append('=');
            string(attribute.getValue(), own);
        }
        boolean hasContent = false;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                hasContent |= write(childElement, own);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    own.append('T');
                    string(text, own);
                    hasContent = true;
                }
            }
        }
        if (!hasContent && attributes.isEmpty() && isMetadataContainer(element)) {
            return false;
        }
        out.append(own).append(')');
        return true;
    }

    private static List<Attr> attributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        List<Attr> attributes = new ArrayList<>();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            String name = attribute.getName();
            if (!XMLNS_NAMESPACE.equals(attribute.getNamespaceURI()) && !name.equals("xmlns") && !name.startsWith("xmlns:")) {
                attributes.add(attribute);
            }
        }
        attributes.sort(Comparator.comparing(ValidationHash::qualifiedName));
        return attributes;
    }

    private static boolean isHashProperty(Element element) {
        return CAMUNDA_NAMESPACE.equals(element.getNamespaceURI()) && "property".equals(localName(element))
                && ModelProperties.VALIDATION_HASH.equals(element.getAttribute("name"));
    }

    private static boolean isMetadataContainer(Element element) {
        return (CAMUNDA_NAMESPACE.equals(element.getNamespaceURI()) && "properties".equals(localName(element)))
                || (BPMN_NAMESPACE.equals(element.getNamespaceURI()) && "extensionElements".equals(localName(element)));
    }

    private static String qualifiedName(Node node) {
        return "{" + (node.getNamespaceURI() == null ? "" : node.getNamespaceURI()) + "}" + localName(node);
    }

    private static String localName(Node node) {
        return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
    }

    private static void string(String text, StringBuilder out) {
        out.append(text.length()).append(':').append(text);
    }
}
