package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * An application whose sip.xml holds security constraints (JSR 289 §22): the container challenges the requests they name
 * with digest, lets the right user through with its identity on the request, and answers the others itself; the servlet
 * sees only what it admits.
 */
class SecurityConstraintTestCase {

    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        ProtectedServlet.SEEN.clear();
        SipDeploymentInfo info;
        try (InputStream descriptor = SecurityConstraintTestCase.class.getResourceAsStream("/security/sip.xml")) {
            info = SipAnnotations.merge(SipXmlParser.parse(descriptor, "sip.xml"), List.of());
        }
        SipApplicationDefinition definition = SipDeployments.definition(info, getClass().getClassLoader(), TestServletContext.create("protected"))
                .withIdentityStore(new InMemoryIdentityStore().add("alice", "secret", "caller").add("bob", "secret"));
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(definition);
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void challengedThenAdmitted(String transport) throws Exception {
        Sipp.Result result = Sipp.run("auth-message-uac.xml", transport, this.port, "-au", "alice", "-ap", "secret");
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("WWW-Authenticate: Digest realm=\"sip.test\""), result.output());
        assertEquals("MESSAGE user=alice caller=true customer=true principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS), "only the authenticated MESSAGE reached the servlet");
        assertNull(ProtectedServlet.SEEN.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void wrongPasswordIsChallengedAgain() throws Exception {
        Sipp.Result result = Sipp.run("auth-message-refused-uac.xml", "u1", this.port, "-au", "alice", "-ap", "guess");
        assertTrue(result.passed(), result.output());
        assertNull(ProtectedServlet.SEEN.poll(500, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    @Test
    void userWithoutTheRoleIsForbidden() throws Exception {
        Sipp.Result result = Sipp.run("auth-message-forbidden-uac.xml", "u1", this.port, "-au", "bob", "-ap", "secret");
        assertTrue(result.passed(), result.output());
        assertNull(ProtectedServlet.SEEN.poll(500, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callAndRequestsInItAreChecked(String transport) throws Exception {
        Sipp.Result result = Sipp.run("auth-call-uac.xml", transport, this.port, "-au", "alice", "-ap", "secret");
        assertTrue(result.passed(), result.output());
        assertEquals("INVITE user=alice caller=true customer=true principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
        assertEquals("INFO user=alice caller=true customer=true principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS), "the INFO in the call was challenged too");
        assertEquals("BYE user=null caller=false customer=false", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS), "no constraint names BYE: it passes unchallenged, and unauthenticated");
    }

    @Test
    void unconstrainedMethodPasses() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("OPTIONS user=null caller=false customer=false", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void proxyAuthenticationChallengesWith407() throws Exception {
        Sipp.Result result = Sipp.run("auth-register-uac.xml", "u1", this.port, "-au", "alice", "-ap", "secret");
        assertTrue(result.passed(), result.output());
        assertTrue(result.output().contains("Proxy-Authenticate: Digest realm=\"sip.test\""), result.output());
        assertTrue(result.output().contains("Proxy-Authorization: Digest"), result.output());
        assertEquals("REGISTER user=alice caller=true customer=true principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void constraintWithoutRolesLetsNobodyIn() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            assertEquals("SIP/2.0 403 Forbidden", firstLine(this.send(probe, "PUBLISH", "publish-1", 1, null)));
        }
        assertNull(ProtectedServlet.SEEN.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void replayedCredentialsAreChallengedAsStale() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String challenge = this.send(probe, "MESSAGE", "replay-1", 1, null);
            assertEquals("SIP/2.0 401 Unauthorized", firstLine(challenge));
            String authorization = DigestClient.authorization(DigestParameters.parse(header(challenge, "WWW-Authenticate")), "MESSAGE", "sip:service@127.0.0.1:" + this.port,
                    "alice", "secret");
            assertEquals("SIP/2.0 200 OK", firstLine(this.send(probe, "MESSAGE", "replay-1", 2, authorization)));
            assertEquals("MESSAGE user=alice caller=true customer=true principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
            // the same credentials again, nonce-count and all: what an eavesdropper would send
            String replayed = this.send(probe, "MESSAGE", "replay-2", 1, authorization);
            assertEquals("SIP/2.0 401 Unauthorized", firstLine(replayed));
            assertTrue(header(replayed, "WWW-Authenticate").endsWith("stale=true"), replayed);
        }
        assertNull(ProtectedServlet.SEEN.poll(200, TimeUnit.MILLISECONDS), "the replay did not reach the servlet");
    }

    @Test
    void identityStoreIsRequired() {
        SipApplicationDefinition unprotected = SipApplicationDefinition.builder("no-store", java.util.Map.of("s", new ProtectedServlet())).mainServlet("s")
                .servletContext(TestServletContext.create("no-store"))
                .security(new ApplicationSecurity("no-store", List.of(new org.wildfly.extras.sip.container.deployment.SecurityConstraint(null,
                        List.of(new org.wildfly.extras.sip.container.deployment.SecurityConstraint.ResourceCollection("all", List.of(), List.of())), false,
                        java.util.Set.of("caller"), "test")), java.util.Set.of(), null, DigestAuthenticator.DEFAULT_NONCE_LIFETIME)).build();
        ServletException e = assertThrows(ServletException.class, () -> this.container.deploy(unprotected));
        assertEquals("Application no-store has <security-constraint>s but no identity store to authenticate its callers against", e.getMessage());
    }

    private String send(UdpProbe probe, String method, String callId, int cseq, String authorization) throws Exception {
        probe.send(method + " sip:service@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK" + callId + cseq + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:service@127.0.0.1>\r\nFrom: <sip:alice@127.0.0.1>;tag=" + callId + "\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n" + (method.equals("PUBLISH") ? "Event: presence\r\n" : "") + (authorization != null ? "Authorization: " + authorization + "\r\n" : "")
                + "Contact: <sip:alice@127.0.0.1:" + probe.port() + ">\r\nContent-Length: 0\r\n\r\n", this.port);
        String answer = probe.receive();
        while (answer != null && answer.startsWith("SIP/2.0 1")) {
            answer = probe.receive();
        }
        assertNotNull(answer, method + " got no final answer");
        return answer;
    }

    private static String firstLine(String message) {
        return message.substring(0, message.indexOf("\r\n"));
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }
}
