package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.tls.SelfSignedKeys;
import org.wildfly.extras.sip.container.tls.TlsPeer;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * {@code <transport-guarantee>} over real UDP and TLS on loopback ({@code security/confidential-sip.xml}): a request a
 * CONFIDENTIAL or INTEGRAL constraint covers is answered 403 when it did not come over TLS, before any challenge, initial or
 * within a call; over TLS it is authenticated as usual. A covering constraint with NONE makes UDP acceptable again.
 */
class TransportGuaranteeTestCase {

    private static SelfSignedKeys keys;
    private SipContainer container;
    private int udpPort;
    private int tlsPort;

    @BeforeAll
    static void keys() throws Exception {
        keys = SelfSignedKeys.generate("transport-guarantee");
    }

    @BeforeEach
    void start() throws Exception {
        ProtectedServlet.SEEN.clear();
        SipDeploymentInfo info;
        try (InputStream descriptor = getClass().getResourceAsStream("/security/confidential-sip.xml")) {
            info = SipAnnotations.merge(SipXmlParser.parse(descriptor, "sip.xml"), List.of());
        }
        SipApplicationDefinition definition = SipDeployments.definition(info, getClass().getClassLoader(), TestServletContext.create("confidential"))
                .withIdentityStore(new InMemoryIdentityStore().add("alice", "secret", "caller"));
        this.udpPort = FreePorts.udpAndTcp();
        this.tlsPort = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.udpPort),
                new ListeningPoint(Transport.TLS, "127.0.0.1", this.tlsPort, keys.serverContext())), null, -1, 2));
        this.container.deploy(definition);
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void aConfidentialRequestOverUdpIsRefusedWithoutChallenge() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String answer = final_(probe, message(Transport.UDP, "MESSAGE", this.udpPort, probe.port(), "udp-message", 1, null, null));
            assertEquals("SIP/2.0 403 Forbidden (TLS required)", firstLine(answer));
            assertNull(TlsPeer.header(answer, "WWW-Authenticate"), "no credentials are asked for over a transport that cannot carry them: " + answer);
        }
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    @Test
    void aConfidentialRequestOverTlsIsChallengedThenAdmitted() throws Exception {
        try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.tlsPort)) {
            phone.send(message(Transport.TLS, "MESSAGE", this.tlsPort, phone.localPort(), "tls-message", 1, null, null));
            String challenge = finalOf(phone);
            assertEquals("SIP/2.0 401 Unauthorized", firstLine(challenge));
            String authorization = DigestClient.authorization(DigestParameters.parse(TlsPeer.header(challenge, "WWW-Authenticate")), "MESSAGE",
                    "sips:service@127.0.0.1:" + this.tlsPort, "alice", "secret");
            phone.send(message(Transport.TLS, "MESSAGE", this.tlsPort, phone.localPort(), "tls-message", 2, null, authorization));
            assertEquals("SIP/2.0 200 OK", firstLine(finalOf(phone)));
        }
        assertEquals("MESSAGE user=alice caller=true customer=false principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    /** INFO's constraint has a user-data-constraint and no auth-constraint: TLS is asked, no authentication. */
    @Test
    void aGuaranteeWithoutAuthConstraintAsksForTlsOnly() throws Exception {
        try (TlsPeer phone = TlsPeer.connect(keys.clientContext(), "127.0.0.1", this.tlsPort)) {
            phone.send(message(Transport.TLS, "INFO", this.tlsPort, phone.localPort(), "tls-info", 1, null, null));
            assertEquals("SIP/2.0 200 OK", firstLine(finalOf(phone)));
        }
        assertEquals("INFO user=null caller=false customer=false", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
        try (UdpProbe probe = new UdpProbe()) {
            assertEquals("SIP/2.0 403 Forbidden (TLS required)", firstLine(final_(probe, message(Transport.UDP, "INFO", this.udpPort, probe.port(), "udp-info", 1, null, null))));
        }
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS));
    }

    /** A request within a call over UDP is held to the guarantee too, though the INVITE needed nothing. */
    @Test
    void aRequestWithinACallIsHeldToTheGuarantee() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String ok = final_(probe, message(Transport.UDP, "INVITE", this.udpPort, probe.port(), "udp-call", 1, null, null));
            assertEquals("SIP/2.0 200 OK", firstLine(ok));
            String to = TlsPeer.header(ok, "To");
            probe.send(message(Transport.UDP, "ACK", this.udpPort, probe.port(), "udp-call", 1, to, null), this.udpPort);
            assertEquals("SIP/2.0 403 Forbidden (TLS required)", firstLine(final_(probe, message(Transport.UDP, "INFO", this.udpPort, probe.port(), "udp-call", 2, to, null))));
            assertEquals("SIP/2.0 200 OK", firstLine(final_(probe, message(Transport.UDP, "BYE", this.udpPort, probe.port(), "udp-call", 3, to, null))));
        }
        assertEquals("INVITE user=null caller=false customer=false", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
        assertEquals("BYE user=null caller=false customer=false", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS), "the INFO did not reach the servlet");
    }

    /** OPTIONS is covered by a CONFIDENTIAL constraint and by one with NONE: the union accepts UDP, and digest still applies. */
    @Test
    void aCoveringConstraintWithNoneAcceptsPlainTransports() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String challenge = final_(probe, message(Transport.UDP, "OPTIONS", this.udpPort, probe.port(), "udp-options", 1, null, null));
            assertEquals("SIP/2.0 401 Unauthorized", firstLine(challenge));
            String authorization = DigestClient.authorization(DigestParameters.parse(TlsPeer.header(challenge, "WWW-Authenticate")), "OPTIONS",
                    "sip:service@127.0.0.1:" + this.udpPort, "alice", "secret");
            assertEquals("SIP/2.0 200 OK", firstLine(final_(probe, message(Transport.UDP, "OPTIONS", this.udpPort, probe.port(), "udp-options", 2, null, authorization))));
        }
        assertEquals("OPTIONS user=alice caller=true customer=false principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
    }

    /** A Via that claims TLS on a UDP datagram does not make it TLS: the transport is the connection's. */
    @Test
    void aViaClaimingTlsDoesNotMakeUdpConfidential() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            String lying = message(Transport.UDP, "INFO", this.udpPort, probe.port(), "lying-via", 1, null, null).replace("SIP/2.0/UDP", "SIP/2.0/TLS");
            probe.send(lying, this.udpPort);
            String answer = probe.receive();
            // the stack may send the answer where the Via says (TLS, to no one): what matters is that the servlet saw nothing
            if (answer != null) {
                assertFalse(answer.startsWith("SIP/2.0 200"), answer);
            }
        }
        assertNull(ProtectedServlet.SEEN.poll(500, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    static String message(Transport transport, String method, int port, int localPort, String callId, int cseq, String to, String authorization) {
        String scheme = (transport == Transport.TLS) ? "sips" : "sip";
        String uri = scheme + ":service@127.0.0.1:" + port;
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + callId + "-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + scheme + ":alice@127.0.0.1>;tag=alice-1\r\n"
                + "To: " + ((to != null) ? to : "<" + uri + ">") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <" + scheme + ":alice@127.0.0.1:" + localPort + ">\r\n"
                + ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "")
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends a request and returns its final answer. */
    private String final_(UdpProbe probe, String request) throws Exception {
        probe.send(request, this.udpPort);
        String answer = probe.receive();
        while (answer != null && answer.startsWith("SIP/2.0 1")) {
            answer = probe.receive();
        }
        assertNotNull(answer, "no final answer to " + request);
        return answer;
    }

    static String finalOf(TlsPeer phone) throws Exception {
        String answer = phone.receive();
        while (answer.startsWith("SIP/2.0 1")) {
            answer = phone.receive();
        }
        return answer;
    }

    static String firstLine(String message) {
        return message.substring(0, message.indexOf("\r\n"));
    }
}
