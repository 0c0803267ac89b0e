package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.uas.UasServlet;

/**
 * A SIP application whose sip.xml protects MESSAGE with a security constraint, on a provisioned server as it comes: the
 * callers are WildFly's application users ({@code bin/add-user.sh -a}, Elytron's {@code ApplicationDomain}), in realm
 * {@code ApplicationRealm}. A caller is challenged, then let through with the right password; a wrong password is
 * challenged again; a user without the role is refused 403.
 */
class DigestAuthenticationIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 1700;
    private static final String PASSWORD = "sip-Caller-1";

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start(); // puts the configuration folder back as provisioned: the users are added after it
        server.addApplicationUser("alice", PASSWORD, "caller");
        server.addApplicationUser("bob", PASSWORD, null);
        JBossCli.Result loaded = server.cli().command("/subsystem=elytron/properties-realm=ApplicationRealm:load()");
        assertTrue(loaded.succeeded(), loaded.output());
        String constraint = """
                    <security-constraint>
                        <resource-collection>
                            <resource-name>messages</resource-name>
                            <servlet-name>uas</servlet-name>
                            <sip-method>MESSAGE</sip-method>
                        </resource-collection>
                        <auth-constraint>
                            <role-name>caller</role-name>
                        </auth-constraint>
                    </security-constraint>
                    <login-config>
                        <auth-method>DIGEST</auth-method>
                        <realm-name>ApplicationRealm</realm-name>
                    </login-config>
                    <security-role>
                        <role-name>caller</role-name>
                    </security-role>
                """;
        JBossCli.Result deployed = server.cli().command("deploy " + TestArchive.named("protected.sar").classes(UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("protected", "uas", UasServlet.class.getName(), constraint))
                .writeTo(SipApplications.ARCHIVES));
        assertTrue(deployed.succeeded(), deployed.output());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void applicationUserIsChallengedThenLetThrough() throws Exception {
        Sipp.Result result = Sipp.run("auth-message-uac.xml", "u1", server.sipPort(), "-au", "alice", "-ap", PASSWORD);
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("WWW-Authenticate: Digest realm=\"ApplicationRealm\""), result.output());
        assertTrue(result.output().contains("X-Sip-Application: protected"), "the servlet answered the authenticated MESSAGE\n" + result.output());
        JBossCli.Result model = server.cli().run("/deployment=protected.sar/subsystem=sip:read-attribute(name=security-domain)");
        assertTrue(model.output().contains("security-domain ApplicationDomain"), model.output());
    }

    @Test
    void wrongPasswordIsChallengedAgain() throws Exception {
        Sipp.Result result = Sipp.run("auth-message-refused-uac.xml", "u1", server.sipPort(), "-au", "alice", "-ap", "not-" + PASSWORD);
        assertTrue(result.passed(), result.output());
        assertFalse(result.output().contains("X-Sip-Application: protected"), result.output());
    }

    @Test
    void userWithoutTheRoleIsForbidden() throws Exception {
        Sipp.Result result = Sipp.run("auth-message-forbidden-uac.xml", "u1", server.sipPort(), "-au", "bob", "-ap", PASSWORD);
        assertTrue(result.passed(), result.output());
    }

    @Test
    void unconstrainedMethodIsNotChallenged() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", server.sipPort());
        assertTrue(result.passed() && result.output().contains("X-Sip-Application: protected"), result.output());
    }

    @Test
    void applicationSecurityDomainNamedByJbossWebXml() throws Exception {
        // as for a web application: jboss-web.xml names Undertow's application-security-domain, which names the Elytron domain
        JBossCli.Result added = server.cli().run("/subsystem=undertow/application-security-domain=sip-callers:add(security-domain=ApplicationDomain)");
        assertTrue(added.succeeded(), added.output());
        JBossCli.Result deployed = server.cli().command("deploy " + TestArchive.named("named-domain.sar").classes(UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("named-domain", "uas", UasServlet.class.getName(), """
                            <security-constraint>
                                <resource-collection>
                                    <resource-name>messages</resource-name>
                                    <sip-method>MESSAGE</sip-method>
                                </resource-collection>
                                <auth-constraint>
                                    <role-name>caller</role-name>
                                </auth-constraint>
                            </security-constraint>
                            <login-config>
                                <auth-method>DIGEST</auth-method>
                                <realm-name>ApplicationRealm</realm-name>
                            </login-config>
                        """))
                .text("WEB-INF/jboss-web.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
                            <security-domain>sip-callers</security-domain>
                        </jboss-web>
                        """)
                .writeTo(SipApplications.ARCHIVES));
        assertTrue(deployed.succeeded(), deployed.output());
        try {
            JBossCli.Result model = server.cli().run("/deployment=named-domain.sar/subsystem=sip:read-attribute(name=security-domain)");
            assertTrue(model.output().contains("application-security-domain sip-callers"), model.output());
            // without a DAR configuration the first application deployed gets every initial request: this one, once the other is gone
            assertTrue(server.cli().command("undeploy protected.sar").succeeded());
            Sipp.Result result = Sipp.run("auth-message-uac.xml", "u1", server.sipPort(), "-au", "alice", "-ap", PASSWORD);
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("X-Sip-Application: named-domain"), result.output());
        } finally {
            server.cli().command("undeploy named-domain.sar");
            if (!server.cli().run("/deployment=protected.sar:read-resource").succeeded()) {
                assertTrue(server.cli().command("deploy " + SipApplications.ARCHIVES.resolve("protected.sar")).succeeded());
            }
        }
    }

    @Test
    void securityDomainThatDoesNotExistIsNamed() throws Exception {
        Path archive = TestArchive.named("nowhere.sar").classes(UasServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("nowhere", "uas", UasServlet.class.getName(), """
                            <security-constraint>
                                <resource-collection>
                                    <resource-name>all</resource-name>
                                </resource-collection>
                                <auth-constraint>
                                    <role-name>caller</role-name>
                                </auth-constraint>
                            </security-constraint>
                        """))
                .text("WEB-INF/jboss-web.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
                            <security-domain>no-such-domain</security-domain>
                        </jboss-web>
                        """)
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result result = server.cli().command("deploy " + archive);
        assertFalse(result.succeeded(), result.output());
        assertTrue(result.output().contains("SIP application nowhere.sar cannot be deployed: its sip.xml has <security-constraint>s, but this server has no security domain "
                + "'no-such-domain' to authenticate its callers (named by <security-domain> in jboss-web.xml): add /subsystem=undertow/application-security-domain=no-such-domain"
                + ":add(security-domain=ApplicationDomain), or an Elytron /subsystem=elytron/security-domain=no-such-domain, or name an existing one in jboss-web.xml"
                + " <security-domain>"), result.output());
        assertFalse(server.cli().run("/deployment=nowhere.sar:read-resource").succeeded(), "the failed deployment was rolled back");
    }
}
