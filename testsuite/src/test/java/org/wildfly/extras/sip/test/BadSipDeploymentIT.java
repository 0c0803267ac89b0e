package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.test.app.failing.FailingServlet;
import org.wildfly.extras.sip.test.app.uas.UasServlet;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * A wrong SIP deployment fails alone, with a message that names the file, the element and what to change; the
 * application already deployed keeps answering.
 */
class BadSipDeploymentIT {

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ProvisionedServer.fromSystemProperties();
        server.start();
        JBossCli.Result deployed = server.cli().command("deploy " + SipApplications.uasSar("uas.sar", "uas-sar"));
        assertTrue(deployed.succeeded(), deployed.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void goodApplicationStillAnswers() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", server.sipPort());
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: uas-sar"), result.output());
    }

    @Test
    void malformedDescriptor() throws Exception {
        Path archive = TestArchive.named("malformed.sar")
                .classes(UasServlet.class)
                .text("WEB-INF/sip.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" version="1.1">
                            <app-name>malformed</app-name>
                            <servlet>
                                <servlet-name>uas</servlet-name>
                        </sip-app>
                        """)
                .writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "malformed.sar");
        assertTrue(failure.contains("SIP application malformed.sar cannot be deployed: WEB-INF/sip.xml line 6"), failure);
    }

    @Test
    void servletClassNotInTheArchive() throws Exception {
        Path archive = TestArchive.named("missing-class.sar")
                .text("WEB-INF/sip.xml", SipApplications.sipXml("missing-class", "ghost", "org.example.NoSuchServlet", ""))
                .writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "missing-class.sar");
        assertTrue(failure.contains("SIP application missing-class.sar cannot be deployed: WEB-INF/sip.xml line 7: servlet 'ghost' names class org.example.NoSuchServlet, "
                + "which is not in the deployment; correct the class name, or package the class in WEB-INF/classes or WEB-INF/lib"), failure);
    }

    @Test
    void mainServletThatDoesNotExist() throws Exception {
        String descriptor = SipApplications.sipXml("no-main", "uas", UasServlet.class.getName(), "").replace("<main-servlet>uas</main-servlet>", "<main-servlet>nope</main-servlet>");
        Path archive = TestArchive.named("no-main.sar").classes(UasServlet.class).text("WEB-INF/sip.xml", descriptor).writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "no-main.sar");
        assertTrue(failure.contains("SIP application no-main.sar cannot be deployed: WEB-INF/sip.xml line 5: unknown servlet 'nope' in <main-servlet>; the servlets are [uas]"), failure);
    }

    @Test
    void applicationNameAlreadyDeployed() throws Exception {
        String failure = failedDeployment(SipApplications.uasSar("uas-again.sar", "uas-sar"), "uas-again.sar");
        assertTrue(failure.contains("SIP application uas-again.sar cannot be deployed: the application name 'uas-sar' (<app-name> of WEB-INF/sip.xml or @SipApplication(name)) "
                + "is already used by deployment uas.sar; give one of the two applications another name"), failure);
    }

    @Test
    void servletThatFailsToStart() throws Exception {
        Path archive = TestArchive.named("failing.sar")
                .classes(FailingServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("failing", "failing", FailingServlet.class.getName(), ""))
                .writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "failing.sar");
        assertTrue(failure.contains("SIP application failing.sar cannot be deployed: it did not start: jakarta.servlet.ServletException: FailingServlet refuses to start: no configuration"), failure);
        // nothing of it is left behind: its name is free again
        JBossCli.Result fixed = server.cli().command("deploy " + SipApplications.uasSar("failing-fixed.sar", "failing"));
        assertTrue(fixed.succeeded(), fixed.output());
        assertTrue(server.cli().command("undeploy failing-fixed.sar").succeeded());
    }

    @Test
    void authenticationThatCannotBeEnforcedIsRefused() throws Exception {
        String constraint = """
                    <login-config>
                        <auth-method>BASIC</auth-method>
                        <realm-name>example.com</realm-name>
                    </login-config>
                    <security-constraint>
                        <resource-collection>
                            <resource-name>calls</resource-name>
                            <servlet-name>uas</servlet-name>
                            <sip-method>INVITE</sip-method>
                        </resource-collection>
                        <auth-constraint>
                            <role-name>caller</role-name>
                        </auth-constraint>
                    </security-constraint>
                """;
        Path archive = TestArchive.named("protected.sar").classes(UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("protected", "uas", UasServlet.class.getName(), constraint))
                .writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "protected.sar");
        assertTrue(failure.contains("SIP application protected.sar cannot be deployed: WEB-INF/sip.xml line 12: <auth-method>BASIC</auth-method> cannot be enforced: "
                + "this container authenticates SIP callers with DIGEST or CLIENT-CERT"), failure);
    }

    @Test
    void envEntryValueThatDoesNotParse() throws Exception {
        String descriptor = SipApplications.sipXml("bad-env", "uas", UasServlet.class.getName(), """
                <env-entry>
                    <env-entry-name>limit</env-entry-name>
                    <env-entry-type>java.lang.Integer</env-entry-type>
                    <env-entry-value>twelve</env-entry-value>
                </env-entry>
                """);
        Path archive = TestArchive.named("bad-env.sar").classes(UasServlet.class).text("WEB-INF/sip.xml", descriptor).writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "bad-env.sar");
        assertTrue(failure.contains("SIP application bad-env.sar cannot be deployed: WEB-INF/sip.xml line 14: <env-entry-value>twelve</env-entry-value> of 'limit' is not a java.lang.Integer"), failure);
    }

    @Test
    void envEntryOfAClassThatIsNoEnum() throws Exception {
        String descriptor = SipApplications.sipXml("not-enum", "uas", UasServlet.class.getName(), """
                <env-entry>
                    <env-entry-name>servlet</env-entry-name>
                    <env-entry-type>%s</env-entry-type>
                    <env-entry-value>X</env-entry-value>
                </env-entry>
                """.formatted(UasServlet.class.getName()));
        Path archive = TestArchive.named("not-enum.sar").classes(UasServlet.class).text("WEB-INF/sip.xml", descriptor).writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "not-enum.sar");
        assertTrue(failure.contains("SIP application not-enum.sar cannot be deployed: WEB-INF/sip.xml line 11: <env-entry> 'servlet' of type " + UasServlet.class.getName()
                + ": not an enum; an env-entry's type is String, Character, Boolean, a number type, Class, or an enum"), failure);
    }

    /** The test server has no jpa subsystem: a persistence-unit-ref would stay unbound, so it is refused. */
    @Test
    void persistenceUnitRefWithoutJpa() throws Exception {
        String descriptor = SipApplications.sipXml("no-jpa", "uas", UasServlet.class.getName(), """
                <persistence-unit-ref>
                    <persistence-unit-ref-name>persistence/calls</persistence-unit-ref-name>
                </persistence-unit-ref>
                """);
        Path archive = TestArchive.named("no-jpa.sar").classes(UasServlet.class).text("WEB-INF/sip.xml", descriptor).writeTo(SipApplications.ARCHIVES);
        String failure = failedDeployment(archive, "no-jpa.sar");
        assertTrue(failure.contains("SIP application no-jpa.sar cannot be deployed: WEB-INF/sip.xml line 11: <persistence-unit-ref> cannot be bound: this server has no jpa subsystem,"
                + " which binds it (provision a layer that has it, such as jpa)"), failure);
    }

    /** Deploys an archive that must fail, checks that it left nothing, and returns the failure as the CLI and server.log show it. */
    private static String failedDeployment(Path archive, String name) throws Exception {
        JBossCli.Result result = server.cli().command("deploy " + archive);
        assertFalse(result.succeeded(), result.output());
        assertFalse(server.cli().run("/deployment=" + name + ":read-resource").succeeded(), "the failed deployment was rolled back");
        String log = server.serverLog();
        String firstLine = result.output().lines().filter(line -> line.contains("cannot be deployed")).findFirst().orElse(result.output());
        String reason = firstLine.substring(firstLine.indexOf("SIP application"));
        assertTrue(log.contains(reason.length() > 80 ? reason.substring(0, 80) : reason), "server.log has the failure too:\n" + reason);
        return result.output();
    }
}
