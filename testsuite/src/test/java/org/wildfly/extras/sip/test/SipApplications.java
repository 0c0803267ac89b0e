package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.nio.file.Path;

import org.wildfly.extras.sip.test.app.uac.CallOnStart;
import org.wildfly.extras.sip.test.app.uac.UacServlet;
import org.wildfly.extras.sip.test.app.uas.UasServlet;

/**
 * The test applications, packed as archives for deployment.
 */
final class SipApplications {

    static final Path ARCHIVES = Path.of(System.getProperty("sip.test.classes.dir", "target/test-classes")).resolveSibling("test-archives");

    private SipApplications() {
    }

    /** A sip.xml with one servlet, main servlet of the application. */
    static String sipXml(String applicationName, String servletName, String servletClass, String more) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                    <app-name>%s</app-name>
                    <servlet-selection>
                        <main-servlet>%s</main-servlet>
                    </servlet-selection>
                    <servlet>
                        <javaee:servlet-name>%s</javaee:servlet-name>
                        <javaee:servlet-class>%s</javaee:servlet-class>
                    </servlet>
                %s</sip-app>
                """.formatted(applicationName, servletName, servletName, servletClass, more);
    }

    /** The UAS application as a SIP archive described by its sip.xml. */
    static Path uasSar(String fileName, String applicationName) throws IOException {
        return TestArchive.named(fileName)
                .classes(UasServlet.class)
                .text("WEB-INF/sip.xml", sipXml(applicationName, "uas", UasServlet.class.getName(), ""))
                .writeTo(ARCHIVES);
    }

    /** The UAS application described by annotations only (no sip.xml), as a .war or a .sar. */
    static Path uasWar(String fileName) throws IOException {
        return TestArchive.named(fileName)
                .classes(UasServlet.class)
                .packageInfo("org.wildfly.extras.sip.test.app.uas.war")
                .writeTo(ARCHIVES);
    }

    /** A UAC application that calls {@code callee} when it starts. */
    static Path uacSar(String fileName, String callee) throws IOException {
        String more = """
                    <listener>
                        <javaee:listener-class>%s</javaee:listener-class>
                    </listener>
                    <javaee:context-param>
                        <javaee:param-name>callee</javaee:param-name>
                        <javaee:param-value>%s</javaee:param-value>
                    </javaee:context-param>
                """.formatted(CallOnStart.class.getName(), callee);
        return TestArchive.named(fileName)
                .classes(UacServlet.class, CallOnStart.class)
                .text("WEB-INF/sip.xml", sipXml("uac", "uac", UacServlet.class.getName(), more))
                .writeTo(ARCHIVES);
    }

}
