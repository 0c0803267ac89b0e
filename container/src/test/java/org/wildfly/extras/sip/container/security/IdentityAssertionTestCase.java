package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.tls.TlsPeer;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * RFC 3325 P-Asserted-Identity as JSR 289's {@code <identity-assertion>}, over UDP on loopback: 127.0.0.1 is the trusted
 * host (a proxy of the trust domain), 127.0.0.2 is any other host. A trusted assertion authenticates the caller as the
 * asserted URI's user; an untrusted one is ignored.
 */
class IdentityAssertionTestCase {

    private static final InetAddress TRUSTED;
    private static final InetAddress UNTRUSTED;

    static {
        try {
            TRUSTED = InetAddress.getByName("127.0.0.1");
            UNTRUSTED = InetAddress.getByName("127.0.0.2");
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        ProtectedServlet.SEEN.clear();
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2)
                .withTrustedHosts(Set.of(TRUSTED)));
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    private void deploy(String support) throws Exception {
        SipDeploymentInfo info;
        try (InputStream descriptor = getClass().getResourceAsStream("/security/asserted-" + support + "-sip.xml")) {
            info = SipAnnotations.merge(SipXmlParser.parse(descriptor, "sip.xml"), List.of());
        }
        this.container.deploy(SipDeployments.definition(info, getClass().getClassLoader(), TestServletContext.create("asserted-" + support))
                .withIdentityStore(new InMemoryIdentityStore().add("alice", "secret", "caller").add("bob", "secret").add("+15551234", "unused", "caller")));
    }

    @Test
    void aTrustedHostsAssertionAuthenticatesWithoutChallenge() throws Exception {
        this.deploy("supported");
        assertEquals("SIP/2.0 200 OK", firstLine(this.message(TRUSTED, "\"Alice\" <sip:alice@example.com>", null)));
        assertEquals("MESSAGE user=alice caller=true customer=false principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aTelAssertionAuthenticatesItsNumber() throws Exception {
        this.deploy("required");
        assertEquals("SIP/2.0 200 OK", firstLine(this.message(TRUSTED, "<tel:+15551234>", null)));
        assertEquals("MESSAGE user=+15551234 caller=true customer=false principal=+15551234", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void anAssertedUserTheStoreDoesNotKnowOrWithoutTheRoleIsForbidden() throws Exception {
        this.deploy("supported");
        assertEquals("SIP/2.0 403 Forbidden", firstLine(this.message(TRUSTED, "<sip:mallory@example.com>", null)));
        assertEquals("SIP/2.0 403 Forbidden", firstLine(this.message(TRUSTED, "<sip:bob@example.com>", null)));
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    /** SUPPORTED: an assertion of another host is ignored (RFC 3325 §5), and the caller authenticates by digest. */
    @Test
    void supportedFallsBackToDigestForAnUntrustedAssertion() throws Exception {
        this.deploy("supported");
        String challenge = this.message(UNTRUSTED, "<sip:alice@example.com>", null);
        assertEquals("SIP/2.0 401 Unauthorized", firstLine(challenge));
        String authorization = DigestClient.authorization(DigestParameters.parse(TlsPeer.header(challenge, "WWW-Authenticate")), "MESSAGE",
                "sip:service@127.0.0.1:" + this.port, "alice", "secret");
        assertEquals("SIP/2.0 200 OK", firstLine(this.message(UNTRUSTED, "<sip:bob@example.com>", authorization)), "the assertion of bob is not believed");
        assertEquals("MESSAGE user=alice caller=true customer=false principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
        assertEquals("SIP/2.0 401 Unauthorized", firstLine(this.message(TRUSTED, null, null)), "a trusted host without an assertion: digest");
    }

    @Test
    void requiredRefusesWithoutATrustedAssertion() throws Exception {
        this.deploy("required");
        String untrusted = this.message(UNTRUSTED, "<sip:alice@example.com>", null);
        assertEquals("SIP/2.0 403 Forbidden (P-Asserted-Identity of a trusted host required)", firstLine(untrusted));
        assertNull(TlsPeer.header(untrusted, "WWW-Authenticate"), "no challenge: credentials would not do");
        assertEquals("SIP/2.0 403 Forbidden (P-Asserted-Identity of a trusted host required)", firstLine(this.message(TRUSTED, null, null)));
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    /**
     * The balancer we ship authenticates nobody, so it does not pass on an identity a phone asserts (RFC 3325 §5): a node
     * may list it in trusted-hosts, and a phone behind it cannot make itself alice by writing the header.
     */
    @Test
    void theShippedBalancerDoesNotPassOnAPhonesAssertion() throws Exception {
        this.deploy("required");
        int balancerPort = FreePorts.udpAndTcp();
        try (org.wildfly.extras.sip.container.transport.Kamailio balancer = org.wildfly.extras.sip.container.transport.Kamailio.start(balancerPort, List.of(this.port))) {
            String answer = this.message(UNTRUSTED, "<sip:alice@example.com>", null, balancerPort);
            assertEquals("SIP/2.0 403 Forbidden (P-Asserted-Identity of a trusted host required)", firstLine(answer), "the node, which trusts the balancer, got no assertion\n"
                    + balancer.log());
            assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
        }
    }

    private int sequence;

    /** Sends a MESSAGE from that address and returns its final answer. */
    private String message(InetAddress from, String assertion, String authorization) throws Exception {
        return this.message(from, assertion, authorization, this.port);
    }

    /** Sends a MESSAGE from that address to that port and returns its final answer. */
    private String message(InetAddress from, String assertion, String authorization, int to) throws Exception {
        try (UdpProbe probe = new UdpProbe(from)) {
            String callId = "asserted-" + (++this.sequence);
            probe.send("MESSAGE sip:service@127.0.0.1:" + this.port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + probe.host() + ":" + probe.port() + ";branch=z9hG4bK-" + callId + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:service@127.0.0.1>\r\nFrom: <sip:caller@example.com>;tag=" + callId + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: 1 MESSAGE\r\n" + ((assertion != null) ? "P-Asserted-Identity: " + assertion + "\r\n" : "")
                    + ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "") + "Content-Length: 0\r\n\r\n", to);
            String answer = probe.receive();
            while (answer != null && answer.startsWith("SIP/2.0 1")) {
                answer = probe.receive();
            }
            assertNotNull(answer, "no final answer");
            return answer;
        }
    }

    private static String firstLine(String message) {
        return message.substring(0, message.indexOf("\r\n"));
    }
}
