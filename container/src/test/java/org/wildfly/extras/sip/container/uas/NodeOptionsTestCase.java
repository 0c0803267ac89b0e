package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A node answers the OPTIONS no application takes, as a load balancer's keep-alive probe needs, and still refuses
 * other requests no application serves.
 */
class NodeOptionsTestCase {

    private SipContainer container;
    private int port;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger(); // a new transaction each time

    @BeforeEach
    void start() throws Exception {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void optionsIsAnsweredWithWhatTheNodeSupports() throws Exception {
        String answer = this.send("OPTIONS");
        assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        assertTrue(answer.replace(" ", "").contains("Allow:INVITE,ACK,CANCEL,BYE,OPTIONS"), answer);
        assertTrue(answer.contains("Call-ID: keep-alive-OPTIONS"), answer);
    }

    @Test
    void anOptionsToTheNodeWakesNoApplication() throws Exception {
        java.util.concurrent.atomic.AtomicInteger woken = new java.util.concurrent.atomic.AtomicInteger();
        this.container.deploy(SipApplicationDefinition.builder("busy", java.util.Map.of("busy", new javax.servlet.sip.SipServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doRequest(javax.servlet.sip.SipServletRequest request) throws java.io.IOException {
                woken.incrementAndGet();
                request.createResponse(486).send();
            }
        })).mainServlet("busy").sessionTimeoutMinutes(3).servletContext(org.wildfly.extras.sip.container.TestServletContext.create("busy")).build());
        String answer = this.send("OPTIONS");
        assertTrue(answer.startsWith("SIP/2.0 200 ") && answer.contains("Allow:"), "the node answers a probe of the node itself: " + answer);
        org.junit.jupiter.api.Assertions.assertEquals(0, woken.get());
        assertTrue(this.send("MESSAGE").startsWith("SIP/2.0 486 "), "other requests still reach the application");
    }

    /** A host deploying its applications keeps a balancer away: 503 to its probes and to calls until it opens the container. */
    @Test
    void aNodeNotYetOpenAnswers503UntilOpened() throws Exception {
        this.container.close();
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2).unavailableUntilOpened());
        String probe = this.send("OPTIONS");
        assertTrue(probe.startsWith("SIP/2.0 503 ") && probe.contains("Retry-After: "), probe);
        assertTrue(this.send("MESSAGE").startsWith("SIP/2.0 503 "), "no request is taken before the node opens");
        this.container.open();
        assertTrue(this.send("OPTIONS").startsWith("SIP/2.0 200 "), "open, the node answers its probes");
    }

    @Test
    void otherRequestsNoApplicationServesGet404() throws Exception {
        String answer = this.send("MESSAGE");
        assertTrue(answer.startsWith("SIP/2.0 404 "), answer);
    }

    private String send(String method) throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send(method + " sip:127.0.0.1:" + this.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK" + method + this.sent.incrementAndGet() + "\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:127.0.0.1>\r\nFrom: <sip:balancer@127.0.0.1>;tag=b1\r\nCall-ID: keep-alive-" + method + "\r\nCSeq: 10 " + method + "\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = probe.receive();
            assertNotNull(answer, "no answer to " + method);
            return answer;
        }
    }
}
