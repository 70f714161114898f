package procos.das.validation;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import procos.kernel.deploy.guard.HardenedXml;

/**
 * The first look at an untrusted file, before any DOM parser sees it: size, well-formedness, no
 * DOCTYPE (so no entity expansion and no external entity can ever be resolved: billion laughs and
 * XXE are refused by construction), element count, and that every {@code id} is an NCName. It
 * streams with the JDK's own StAX parser with DTD support switched off, so memory stays flat
 * whatever the file holds.
 */
final class SafeXml {

    private final ValidationSettings settings;

    SafeXml(ValidationSettings settings) {
        this.settings = settings;
    }

    /** The findings of the XML checks; an error among them means the file must not be parsed further. */
    List<Finding> check(byte[] xml) {
        if (xml == null || xml.length == 0) {
            return List.of(Finding.error(Rules.XML_MALFORMED, null, "the file is empty; a BPMN model is an XML document"));
        }
        if (xml.length > settings.maxBytes()) {
            return List.of(Finding.error(Rules.XML_TOO_LARGE, null,
                    "the file has " + xml.length + " bytes; at most " + settings.maxBytes() + " are accepted"));
        }
        List<Finding> findings = new ArrayList<>();
        XMLStreamReader reader = null;
        try {
            reader = HardenedXml.read(xml);
            walk(reader, findings);
        } catch (XMLStreamException | RuntimeException e) {
            findings.add(Finding.error(Rules.XML_MALFORMED, null, "not well-formed XML" + position(e) + ": " + HardenedXml.reason(e)));
        } finally {
            HardenedXml.close(reader);
        }
        return findings;
    }

    private void walk(XMLStreamReader reader, List<Finding> findings) throws XMLStreamException {
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                findings.add(Finding.error(Rules.XML_UNSAFE, null, "the file declares a DOCTYPE" + at(reader.getLocation())
                        + "; DTDs and entities are refused (they enable entity expansion and external entity attacks)"));
                return;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                findings.add(Finding.error(Rules.XML_UNSAFE, null, "the file references the entity &" + reader.getLocalName() + ";"
                        + at(reader.getLocation()) + "; entities are refused"));
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++elements > settings.maxElements()) {
                    findings.add(Finding.error(Rules.XML_TOO_LARGE, null,
                            "the file has more than " + settings.maxElements() + " XML elements" + at(reader.getLocation())));
                    return;
                }
                checkId(reader, findings);
            }
        }
    }

    private static void checkId(XMLStreamReader reader, List<Finding> findings) {
        String id = reader.getAttributeValue(null, "id");
        if (id != null && !NcName.isValid(id)) {
            findings.add(Finding.error(Rules.ID_INVALID, id, "<" + reader.getLocalName() + "> has id '" + id + "'"
                    + at(reader.getLocation()) + ", which is not an XML NCName (a letter or '_' first, then letters, digits, '.', '-', '_'; no ':' or spaces)"));
        }
    }

    private static String at(Location location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String position(Exception e) {
        return e instanceof XMLStreamException stream ? at(stream.getLocation()) : "";
    }
}
