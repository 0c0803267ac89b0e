package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.tls.SelfSignedKeys;
import org.wildfly.extras.sip.container.tls.TlsPeer;
import org.wildfly.extras.sip.test.app.secure.WhoServlet;

/**
 * CLIENT-CERT and CONFIDENTIAL on a provisioned server, set up with jboss-cli as docs/configuration.md says: the TLS
 * connector's server-ssl-context wants client certificates and trusts the phones' certificates (a trust store holding
 * them); the application's security domain is what WildFly operators give Undertow's CLIENT_CERT: a key-store-realm over
 * that trust store verifies the certificate, an x500-attribute-principal-decoder makes its CN the user name, and an
 * aggregate-realm takes the user's roles from the application users ({@code bin/add-user.sh -a -g}).
 */
class ClientCertificateIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int PORT_OFFSET = 2100;
    private static final String PASSWORD = "sip-Caller-1";

    private static ProvisionedServer server;
    private static SelfSignedKeys serverKey;
    private static SelfSignedKeys alice;
    private static SelfSignedKeys bob;
    private static SelfSignedKeys carol;
    private static SelfSignedKeys stranger;

    @BeforeAll
    static void start() throws Exception {
        serverKey = SelfSignedKeys.generate("sip-server");
        alice = SelfSignedKeys.generate("alice", "dns:alice.example.com", "CN=alice, O=Example");
        bob = SelfSignedKeys.generate("bob", "dns:bob.example.com", "CN=bob, O=Example");
        carol = SelfSignedKeys.generate("carol", "dns:carol.example.com", "CN=carol, O=Example");
        stranger = SelfSignedKeys.generate("mallory", "dns:mallory.example.com", "CN=mallory, O=Elsewhere");
        server = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), PORT_OFFSET);
        server.start(); // puts the configuration folder back as provisioned: key files and users come after it
        Path configuration = server.home().resolve("standalone/configuration");
        Files.copy(Path.of("target/tls/sip-server.p12"), configuration.resolve("sip-tls.p12"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // what keytool -importcert makes, one alias per user; carol's phone is trusted, but not stored under her name
        trustStore(configuration.resolve("sip-phones.p12"), java.util.Map.of("alice", "alice", "bob", "bob", "carol", "front-desk"));
        server.addApplicationUser("alice", PASSWORD, "caller");
        server.addApplicationUser("bob", PASSWORD, null);
        JBossCli.Result configured = server.cli().runScript(String.join("\n",
                "/subsystem=elytron/properties-realm=ApplicationRealm:load()",
                "/subsystem=elytron/key-store=sip-tls:add(path=sip-tls.p12, relative-to=jboss.server.config.dir, type=PKCS12, credential-reference={clear-text=changeit})",
                "/subsystem=elytron/key-manager=sip-tls:add(key-store=sip-tls, credential-reference={clear-text=changeit})",
                "/subsystem=elytron/key-store=sip-phones:add(path=sip-phones.p12, relative-to=jboss.server.config.dir, type=PKCS12, credential-reference={clear-text=changeit})",
                "/subsystem=elytron/trust-manager=sip-phones:add(key-store=sip-phones)",
                "/subsystem=elytron/server-ssl-context=sip-tls:add(key-manager=sip-tls, trust-manager=sip-phones, want-client-auth=true)",
                "/subsystem=sip/connector=tls:add(socket-binding=sip-tls, transport=TLS, ssl-context=sip-tls)",
                "/subsystem=elytron/key-store-realm=sip-phones:add(key-store=sip-phones)",
                "/subsystem=elytron/aggregate-realm=sip-phones-roles:add(authentication-realm=sip-phones, authorization-realm=ApplicationRealm)",
                "/subsystem=elytron/x500-attribute-principal-decoder=cn:add(attribute-name=CN, maximum-segments=1)",
                "/subsystem=elytron/security-domain=sip-phones:add(realms=[{realm=sip-phones-roles, role-decoder=groups-to-roles}], default-realm=sip-phones-roles, "
                        + "permission-mapper=default-permission-mapper, principal-decoder=cn)",
                "/subsystem=undertow/application-security-domain=sip-phones:add(security-domain=sip-phones)",
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

    private static int tlsPort() {
        return 5061 + PORT_OFFSET;
    }

    @Test
    void trustedCertificateOfAUserWithTheRoleIsLetIn() throws Exception {
        try (Deployed app = deployCertified()) {
            String answer = SipProbe.requestOverTls("MESSAGE", tlsPort(), alice.clientContextTrusting(serverKey));
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
            assertEquals("alice", TlsPeer.header(answer, "X-Remote-User"), answer);
            assertEquals("true", TlsPeer.header(answer, "X-Caller-Role"), answer);
            assertEquals("CN=alice,O=Example", TlsPeer.header(answer, "X-Client-Certificate"), "javax.servlet.request.X509Certificate\n" + answer);
            JBossCli.Result model = server.cli().run("/deployment=certified.sar/subsystem=sip:read-attribute(name=security-domain)");
            assertTrue(model.output().contains("application-security-domain sip-phones"), model.output());
        }
    }

    @Test
    void noCertificateIsForbiddenSayingWhatIsMissing() throws Exception {
        try (Deployed app = deployCertified()) {
            String answer = SipProbe.requestOverTls("MESSAGE", tlsPort(), serverKey.clientContext());
            assertTrue(answer.startsWith("SIP/2.0 403 Forbidden (TLS client certificate required)"), answer);
        }
    }

    @Test
    void trustedCertificateOfAUserWithoutTheRoleIsForbidden() throws Exception {
        try (Deployed app = deployCertified()) {
            String answer = SipProbe.requestOverTls("MESSAGE", tlsPort(), bob.clientContextTrusting(serverKey));
            assertTrue(answer.startsWith("SIP/2.0 403 Forbidden"), answer);
            assertFalse(answer.contains("client certificate required"), "bob's certificate was taken, bob lacks the role\n" + answer);
        }
    }

    @Test
    void trustedCertificateStoredUnderAnotherNameIsNoUser() throws Exception {
        try (Deployed app = deployCertified()) {
            String answer = SipProbe.requestOverTls("MESSAGE", tlsPort(), carol.clientContextTrusting(serverKey));
            assertTrue(answer.startsWith("SIP/2.0 403 Forbidden"), answer);
            assertFalse(answer.contains("client certificate required"), "the certificate was taken, the key-store-realm has no user carol\n" + answer);
        }
    }

    @Test
    void certificateTheTrustManagerDoesNotTrustGetsNoAnswer() throws Exception {
        try (Deployed app = deployCertified()) {
            SSLContext untrusted = stranger.clientContextTrusting(serverKey);
            try {
                String answer = SipProbe.requestOverTls("MESSAGE", tlsPort(), untrusted);
                assertTrue(answer.startsWith("SIP/2.0 403 "), "a certificate of another CA let in: " + answer);
            } catch (java.io.IOException refused) {
                // the server-ssl-context refused it in the handshake (or right after it, in TLS 1.3)
            }
        }
    }

    @Test
    void udpIsForbiddenSayingACertificateIsRequired() throws Exception {
        try (Deployed app = deployCertified()) {
            String answer = SipProbe.request("MESSAGE", server.sipPort());
            assertTrue(answer.startsWith("SIP/2.0 403 Forbidden (TLS client certificate required)"), answer);
        }
    }

    @Test
    void confidentialServletRefusesUdpAndAnswersTls() throws Exception {
        try (Deployed app = deployConfidential()) {
            String overUdp = SipProbe.request("MESSAGE", server.sipPort());
            assertTrue(overUdp.startsWith("SIP/2.0 403 Forbidden (TLS required)"), overUdp);
            // want-client-auth: a phone without a certificate connects, and CONFIDENTIAL asks for TLS only
            String overTls = SipProbe.requestOverTls("MESSAGE", tlsPort(), serverKey.clientContext());
            assertTrue(overTls.startsWith("SIP/2.0 200 "), overTls);
            assertEquals("TLS", TlsPeer.header(overTls, "X-Transport"), overTls);
            assertEquals("null", TlsPeer.header(overTls, "X-Remote-User"), overTls);
        }
    }

    private static Deployed deployCertified() throws Exception {
        return deploy("certified", """
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
                        <auth-method>CLIENT-CERT</auth-method>
                    </login-config>
                    <security-role>
                        <role-name>caller</role-name>
                    </security-role>
                """);
    }

    private static Deployed deployConfidential() throws Exception {
        return deploy("confidential", """
                    <security-constraint>
                        <resource-collection>
                            <resource-name>messages</resource-name>
                            <servlet-name>who</servlet-name>
                        </resource-collection>
                        <user-data-constraint>
                            <transport-guarantee>CONFIDENTIAL</transport-guarantee>
                        </user-data-constraint>
                    </security-constraint>
                """);
    }

    /** Deploys an application while a test runs: without a DAR configuration the only one gets every initial request. */
    private static Deployed deploy(String name, String security) throws Exception {
        Path archive = TestArchive.named(name + ".sar").classes(WhoServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml(name, "who", WhoServlet.class.getName(), security))
                .text("WEB-INF/jboss-web.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.0">
                            <security-domain>sip-phones</security-domain>
                        </jboss-web>
                        """)
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result deployed = server.cli().command("deploy " + archive);
        assertTrue(deployed.succeeded(), deployed.output());
        return () -> assertTrue(server.cli().command("undeploy " + name + ".sar").succeeded());
    }

    private interface Deployed extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /** A PKCS12 trust store with the certificates of those phones' keys, each under the alias the map gives it. */
    private static void trustStore(Path file, java.util.Map<String, String> aliases) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String phone : aliases.keySet()) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = Files.newInputStream(Path.of("target/tls", phone + ".p12"))) {
                keys.load(in, SelfSignedKeys.PASSWORD);
            }
            trusted.setCertificateEntry(aliases.get(phone), keys.getCertificate(phone));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            trusted.store(out, SelfSignedKeys.PASSWORD);
        }
    }
}
