package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * {@code <auth-method>CLIENT-CERT</auth-method>} over real TLS on loopback ({@code security/client-cert-sip.xml}): the TLS
 * listening point's context wants client certificates and trusts alice's and bob's; a MESSAGE is authenticated as the
 * common name of the certificate the caller presented, and carries the chain as {@code javax.servlet.request.X509Certificate}.
 */
class ClientCertificateTestCase {

    private static SelfSignedKeys server;
    private static SelfSignedKeys alice;
    private static SelfSignedKeys bob;
    private static SelfSignedKeys stranger;
    private SipContainer container;
    private int udpPort;
    private int tlsPort;

    @BeforeAll
    static void keys() throws Exception {
        server = SelfSignedKeys.generate("client-cert-server");
        alice = SelfSignedKeys.generate("client-cert-alice", "dns:alice.example.com", "CN=alice, O=Example");
        bob = SelfSignedKeys.generate("client-cert-bob", "dns:bob.example.com", "CN=bob, O=Example");
        stranger = SelfSignedKeys.generate("client-cert-stranger", "dns:alice.example.com", "CN=alice, O=Elsewhere"); // alice's name, a key nobody trusts
    }

    @BeforeEach
    void start() throws Exception {
        ProtectedServlet.SEEN.clear();
        ProtectedServlet.CERTIFICATES.clear();
        SipDeploymentInfo info;
        try (InputStream descriptor = getClass().getResourceAsStream("/security/client-cert-sip.xml")) {
            info = SipAnnotations.merge(SipXmlParser.parse(descriptor, "sip.xml"), List.of());
        }
        this.udpPort = FreePorts.udpAndTcp();
        this.tlsPort = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.udpPort),
                new ListeningPoint(Transport.TLS, "127.0.0.1", this.tlsPort, server.serverContextWantingClients(alice, bob))), null, -1, 2));
        this.container.deploy(SipDeployments.definition(info, getClass().getClassLoader(), TestServletContext.create("client-cert"))
                .withIdentityStore(new InMemoryIdentityStore().add("alice", "unused", "caller").add("bob", "unused")));
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void aTrustedCertificateAuthenticatesItsCommonName() throws Exception {
        assertEquals("SIP/2.0 200 OK", this.messageOverTls(alice.clientContextTrusting(server)));
        assertEquals("MESSAGE user=alice caller=true customer=false principal=alice", ProtectedServlet.SEEN.poll(5, TimeUnit.SECONDS));
        assertEquals("CN=alice,O=Example", ProtectedServlet.CERTIFICATES.poll(5, TimeUnit.SECONDS), "the chain is the request's javax.servlet.request.X509Certificate");
    }

    @Test
    void aCertificateOfAUserWithoutTheRoleIsForbidden() throws Exception {
        assertEquals("SIP/2.0 403 Forbidden", this.messageOverTls(bob.clientContextTrusting(server)));
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    @Test
    void tlsWithoutACertificateIsForbidden() throws Exception {
        assertEquals("SIP/2.0 403 Forbidden (TLS client certificate required)", this.messageOverTls(server.clientContext()));
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    @Test
    void udpIsForbidden() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send(TransportGuaranteeTestCase.message(Transport.UDP, "MESSAGE", this.udpPort, probe.port(), "cert-udp", 1, null, null), this.udpPort);
            String answer = probe.receive();
            while (answer != null && answer.startsWith("SIP/2.0 1")) {
                answer = probe.receive();
            }
            assertEquals("SIP/2.0 403 Forbidden (TLS client certificate required)", TransportGuaranteeTestCase.firstLine(answer));
        }
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    /**
     * A key of another CA, though its subject says alice, is not presented (the connector's certificate request names the
     * CAs it trusts, and the phone has no certificate of theirs): the request is one without a certificate.
     */
    @Test
    void anUntrustedCertificateIsNoCertificate() throws Exception {
        assertEquals("SIP/2.0 403 Forbidden (TLS client certificate required)", this.messageOverTls(stranger.clientContextTrusting(server)));
        assertNull(ProtectedServlet.SEEN.poll(300, TimeUnit.MILLISECONDS), "the servlet saw nothing");
    }

    /** Sends a MESSAGE on a new TLS connection made with that context and returns the first line of its final answer. */
    private String messageOverTls(SSLContext context) throws Exception {
        try (TlsPeer phone = TlsPeer.connect(context, "127.0.0.1", this.tlsPort)) {
            phone.send(TransportGuaranteeTestCase.message(Transport.TLS, "MESSAGE", this.tlsPort, phone.localPort(), "cert-" + System.nanoTime(), 1, null, null));
            return TransportGuaranteeTestCase.firstLine(TransportGuaranteeTestCase.finalOf(phone));
        }
    }
}
