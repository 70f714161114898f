package procos.kernel.deploy.guard;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one way ProcOS streams untrusted XML before any other parser sees it: the JDK's own StAX
 * implementation (whatever else the class path offers) with DTDs, external entities and entity
 * replacement off, so neither an external entity nor an entity expansion is ever resolved.
 */
public final class HardenedXml {

    private HardenedXml() {
    }

    /** A reader over {@code xml}; close it with {@link #close}. */
    public static XMLStreamReader read(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    /** The parser's reason without its "ParseError at [row,col]" preamble (callers report the position apart). */
    public static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        int reason = message.indexOf("Message: ");
        return reason >= 0 ? message.substring(reason + "Message: ".length()).trim() : message.trim();
    }

    public static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened that needs releasing: the input is a byte array
            }
        }
    }
}
