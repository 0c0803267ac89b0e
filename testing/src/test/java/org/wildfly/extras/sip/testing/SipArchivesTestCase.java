package org.wildfly.extras.sip.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SipArchivesTestCase {

    /** Any class serves as the servlet here: the archive names it, nothing loads it. */
    static final class SomeServlet {
    }

    @Test
    void sarHoldsItsDescriptorAndTheClassesItNames() throws Exception {
        WebArchive sar = SipArchives.sar(SipDescriptor.application("counter").mainServlet("count", SomeServlet.class).listener(SipArchivesTestCase.class)
                .contextParameter("greeting", "a < b & c").distributable());
        assertEquals("counter.sar", sar.getName());
        assertNotNull(sar.get("/WEB-INF/classes/" + SomeServlet.class.getName().replace('.', '/') + ".class"));
        assertNotNull(sar.get("/WEB-INF/classes/" + SipArchivesTestCase.class.getName().replace('.', '/') + ".class"));
        String xml;
        try (InputStream in = sar.get("/WEB-INF/sip.xml").getAsset().openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        String sip = "http://www.jcp.org/xml/ns/sipservlet";
        String javaee = "http://java.sun.com/xml/ns/javaee";
        assertEquals("counter", document.getElementsByTagNameNS(sip, "app-name").item(0).getTextContent());
        assertEquals("count", document.getElementsByTagNameNS(sip, "main-servlet").item(0).getTextContent());
        assertEquals(SomeServlet.class.getName(), document.getElementsByTagNameNS(javaee, "servlet-class").item(0).getTextContent());
        assertEquals("a < b & c", document.getElementsByTagNameNS(javaee, "param-value").item(0).getTextContent());
        assertEquals(1, document.getElementsByTagNameNS(javaee, "distributable").getLength());
    }

    @Test
    void warIsNamedAfterTheApplication() {
        assertEquals("bridge.war", SipArchives.war(SipDescriptor.application("bridge").mainServlet("b", SomeServlet.class)).getName());
        assertTrue(SipArchives.annotated("annotated.sar", SomeServlet.class).getName().endsWith(".sar"));
    }

    @Test
    void wrongNamesAreRefusedWithWhatToChange() {
        IllegalArgumentException archive = assertThrows(IllegalArgumentException.class, () -> SipArchives.annotated("app.jar", SomeServlet.class));
        assertTrue(archive.getMessage().contains(".sar or .war"), archive.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> SipDescriptor.application(" "));
        assertTrue(name.getMessage().contains("application name"), name.getMessage());
    }
}
