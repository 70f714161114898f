package it.procos.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive every in-container test deploys: the real procos.ear the build produced, plus one
 * small test WAR holding the test classes, listed in the EAR's application.xml so the server
 * deploys it beside the platform's own modules.
 */
public final class ProcosDeployment {

    public static final String TEST_WAR = "procos-it.war";

    private ProcosDeployment() {
    }

    public static EnterpriseArchive withTestClasses(Class<?>... testClasses) {
        File earFile = new File(System.getProperty("procos.ear", "target/procos.ear"));
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "procos.ear")
                .importFrom(earFile)
                .as(EnterpriseArchive.class);
        WebArchive war = ShrinkWrap.create(WebArchive.class, TEST_WAR)
                .addClasses(testClasses)
                .addClass(ProcosDeployment.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        // The EAR already holds the platform's own WAR: name the one Arquillian should put its runner into.
        ear.addAsModule(Testable.archiveToTest(war));
        ear.setApplicationXML(new StringAsset(withTestModule(read(ear.get("META-INF/application.xml").getAsset()))));
        return ear;
    }

    private static String withTestModule(String applicationXml) {
        String module = "  <module>\n    <web>\n      <web-uri>" + TEST_WAR + "</web-uri>\n"
                + "      <context-root>/procos-it</context-root>\n    </web>\n  </module>\n";
        return applicationXml.replace("</application>", module + "</application>");
    }

    private static String read(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.xml of procos.ear", e);
        }
    }

    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="all"/>
            """;

}
