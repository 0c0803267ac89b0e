package org.wildfly.extras.sip.container.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.RuntimeStatistics;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The figures an operator reads: per application (servlets, live sessions, messages in and out, calls, store writes)
 * and per listening point (messages received and sent), and the node's malformed messages.
 */
class RuntimeStatisticsTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void countsFollowTheTraffic() throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("answering", Map.of("answer", new Answering())).mainServlet("answer")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("answering")).build());
        RuntimeStatistics.Application idle = this.container.statistics("answering");
        assertEquals(new RuntimeStatistics.Application("answering", List.of("answer"), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), idle);
        for (int i = 0; i < 3; i++) {
            assertTrue(Sipp.run("options-uac.xml", "u1", port).passed());
        }
        RuntimeStatistics.Application after = this.container.statistics("answering");
        assertEquals(3, after.messagesIn(), "three OPTIONS reached the servlet");
        assertEquals(3, after.messagesOut(), "three 200 OK left");
        assertEquals(0, after.applicationSessions(), "a finished OPTIONS leaves no session behind");
        RuntimeStatistics.Connector udp = this.container.connectorStatistics().stream().filter(c -> c.listeningPoint().transport() == Transport.UDP).findFirst().orElseThrow();
        RuntimeStatistics.Connector tcp = this.container.connectorStatistics().stream().filter(c -> c.listeningPoint().transport() == Transport.TCP).findFirst().orElseThrow();
        assertEquals(3, udp.messagesReceived());
        assertEquals(3, udp.messagesSent());
        assertEquals(0, tcp.messagesReceived());
        assertNull(this.container.statistics("absent"));
        assertEquals(0, after.storedUnits(), "sessions kept in this JVM are written nowhere");
        assertEquals(0, after.callsStarted());

        Sipp.Server held = Sipp.startClient("proxy-failover-uac.xml", "u1", port, "-key", "callee_port", "9");
        long deadline0 = System.nanoTime() + 5_000_000_000L;
        while (this.container.statistics("answering").callsActive() == 0 && System.nanoTime() - deadline0 < 0) {
            Thread.sleep(20);
        }
        assertEquals(1, this.container.statistics("answering").callsActive(), "a call in its pause after the ACK is active");
        assertEquals(1, this.container.statistics("answering").sipSessions());
        assertEquals(1, this.container.calls("answering").size(), "and listed");
        held.process().destroyForcibly();
        assertTrue(Sipp.run("short-call-uac.xml", "u1", port).passed());
        assertTrue(Sipp.run("short-call-uac.xml", "t1", port).passed());
        RuntimeStatistics.Application calls = this.container.statistics("answering");
        assertEquals(3, calls.callsStarted(), "three calls started, one over TCP");
        assertEquals(1, calls.callsActive(), "the two short ones ended, the held one's caller went away");
        assertEquals(0, calls.sessionsTakenOver(), "a node alone takes nothing over");

        long malformedBefore = this.container.overloadStatistics().malformedMessages();
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] garbage = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\nCSeq: one INVITE\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), port));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (this.container.overloadStatistics().malformedMessages() == malformedBefore && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertEquals(malformedBefore + 1, this.container.overloadStatistics().malformedMessages(), "the malformed INVITE is counted");
        for (RuntimeStatistics.Connector connector : this.container.connectorStatistics()) {
            assertEquals(connector.listeningPoint().transport() == Transport.UDP ? 1 : 0, connector.malformedMessages(),
                    "counted on the connector it came to: " + connector);
        }
        assertEquals(0, this.container.overloadStatistics().retriedRequests(), "no session was held elsewhere");
    }

    /** Answers every request with 200. */
    static final class Answering extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doRequest(SipServletRequest request) throws IOException {
            if (!request.getMethod().equals("ACK")) {
                request.createResponse(200).send();
            }
        }
    }
}
