package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.secure.WhoServlet;

/**
 * RFC 3325 P-Asserted-Identity on a provisioned server, set up as docs/configuration.md says: {@code trusted-hosts} written
 * with jboss-cli, the callers WildFly's application users ({@code bin/add-user.sh -a}). sipp sends from 127.0.0.1, the
 * trusted proxy, or from 127.0.0.2, any other host (loopback has all of 127/8; the connectors listen on 127.0.0.1).
 */
class IdentityAssertionIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 2000;
    private static final String PASSWORD = "sip-Caller-1";
    private static final String UNTRUSTED = "127.0.0.2";

    private static ProvisionedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start();
        server.addApplicationUser("alice", PASSWORD, "caller");
        server.addApplicationUser("bob", PASSWORD, null);
        JBossCli.Result configured = server.cli().runScript(String.join("\n",
                "/subsystem=elytron/properties-realm=ApplicationRealm:load()",
                "/subsystem=sip:write-attribute(name=trusted-hosts, value=[127.0.0.1])",
                "reload") + "\n");
        assertTrue(configured.succeeded(), configured.output());
        server.awaitLogCount("WFLYSRV0025", 2); // started again after the reload
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConnectorsListenOnTheTrustedAddressOnly() throws Exception {
        // so that a request from 127.0.0.2 reaches the server as another host's
        ModelNode bound = server.cli().run("/interface=public:read-attribute(name=resolved-address)").response(); // the sip-* bindings' interface
        assertEquals("127.0.0.1", bound.get("result").asString(), bound.toString());
        ModelNode trusted = server.cli().run("/subsystem=sip:read-attribute(name=trusted-hosts)").response();
        assertEquals(List.of("127.0.0.1"), trusted.get("result").asList().stream().map(ModelNode::asString).toList(), trusted.toString());
    }

    @Test
    void requiredAssertionOfTheTrustedHostLetsTheUserIn() throws Exception {
        try (Deployed app = deploy("asserted-required", "REQUIRED")) {
            Sipp.Result result = Sipp.run("asserted-message-uac.xml", "u1", server.sipPort(), "-key", "asserted", "alice");
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("X-Remote-User: alice"), "the servlet saw the asserted user\n" + result.output());
            assertTrue(result.output().contains("X-Caller-Role: true"), result.output());
            assertFalse(result.output().contains("WWW-Authenticate"), "no challenge\n" + result.output());
        }
    }

    @Test
    void requiredAssertionOfAnUntrustedHostIsForbiddenSayingWhy() throws Exception {
        try (Deployed app = deploy("asserted-required", "REQUIRED")) {
            Sipp.Result result = Sipp.run("asserted-message-forbidden-uac.xml", "u1", server.sipPort(), "-key", "asserted", "alice", "-i", UNTRUSTED);
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("SIP/2.0 403 Forbidden (P-Asserted-Identity of a trusted host required)"), result.output());
            assertTrue(result.output().contains("Via: SIP/2.0/UDP " + UNTRUSTED + ":"), "sipp sent from the untrusted address\n" + result.output());
            assertFalse(result.output().contains("WWW-Authenticate"), "no challenge: credentials would not do\n" + result.output());
        }
    }

    @Test
    void assertedUserWithoutTheRoleIsForbidden() throws Exception {
        try (Deployed app = deploy("asserted-required", "REQUIRED")) {
            Sipp.Result result = Sipp.run("asserted-message-forbidden-uac.xml", "u1", server.sipPort(), "-key", "asserted", "bob");
            assertTrue(result.passed(), result.output());
            assertFalse(result.output().contains("(P-Asserted-Identity"), "the assertion was believed, the user lacks the role\n" + result.output());
        }
    }

    @Test
    void supportedAssertionOfTheTrustedHostLetsTheUserInWithoutChallenge() throws Exception {
        try (Deployed app = deploy("asserted-supported", "SUPPORTED")) {
            Sipp.Result result = Sipp.run("asserted-message-uac.xml", "u1", server.sipPort(), "-key", "asserted", "alice");
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("X-Remote-User: alice"), result.output());
            assertFalse(result.output().contains("WWW-Authenticate"), result.output());
        }
    }

    @Test
    void supportedAssertionOfAnUntrustedHostIsIgnoredForADigestChallenge() throws Exception {
        try (Deployed app = deploy("asserted-supported", "SUPPORTED")) {
            // asserts bob, authenticates as alice: the servlet sees alice, the assertion counted for nothing
            Sipp.Result result = Sipp.run("asserted-message-challenged-uac.xml", "u1", server.sipPort(), "-key", "asserted", "bob", "-i", UNTRUSTED,
                    "-au", "alice", "-ap", PASSWORD);
            assertTrue(result.passed(), result.output());
            assertTrue(result.output().contains("WWW-Authenticate: Digest realm=\"ApplicationRealm\""), result.output());
            assertTrue(result.output().contains("X-Remote-User: alice"), result.output());
        }
    }

    /** The application, deployed while a test runs: without a DAR configuration the only one gets every initial request. */
    private static Deployed deploy(String name, String support) throws Exception {
        String security = """
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
                        <identity-assertion>
                            <identity-assertion-scheme>P-Asserted-Identity</identity-assertion-scheme>
                            <identity-assertion-support>%s</identity-assertion-support>
                        </identity-assertion>
                    </login-config>
                    <security-role>
                        <role-name>caller</role-name>
                    </security-role>
                """.formatted(support);
        Path archive = TestArchive.named(name + ".sar").classes(WhoServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml(name, "who", WhoServlet.class.getName(), security))
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result deployed = server.cli().command("deploy " + archive);
        assertTrue(deployed.succeeded(), deployed.output());
        return () -> assertTrue(server.cli().command("undeploy " + name + ".sar").succeeded());
    }

    private interface Deployed extends AutoCloseable {
        @Override
        void close() throws Exception;
    }
}
