package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SipProbe;
import org.wildfly.extras.sip.container.transport.TcpProbe;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;

/**
 * A container with small TCP limits against peers that hold connections: many slow ones (a request announcing a
 * megabyte of body and sending a hundred bytes of it), idle ones, and a well-behaved one afterwards. What the peers see:
 * the connections beyond the limit are closed at once, the slow ones are answered 513 and closed after the read
 * timeout, the idle ones after the idle timeout, and the container still answers a fresh OPTIONS over TCP and UDP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpLimitsTestCase {

    private static final int MAX_CONNECTIONS = 50;
    private static final TransportLimits LIMITS = TransportLimits.DEFAULTS.withMaxTcpConnections(MAX_CONNECTIONS).withMessageSizes(8192, 4096)
            .withTcpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    /** How long past a timeout the test waits for the close it causes: the sweep runs every half second. */
    private static final long GRACE_MILLIS = 3000;

    private SipContainer container;
    private int port;

    @BeforeAll
    void start() throws IOException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2).withTransportLimits(LIMITS));
    }

    @AfterAll
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void slowConnectionsAreAnsweredBoundedAndClosedAndTheContainerStillServes() throws Exception {
        int connections = 4 * MAX_CONNECTIONS;
        List<TcpProbe> probes = new ArrayList<>();
        try {
            for (int index = 0; index < connections; index++) {
                TcpProbe probe = new TcpProbe(this.port);
                probes.add(probe);
                probe.send("OPTIONS sip:callee@127.0.0.1:" + this.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK-slow-" + UUID.randomUUID() + "\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=slow\r\nTo: <sip:callee@127.0.0.1>\r\n"
                        + "Call-ID: slow-" + index + "-" + UUID.randomUUID() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(100), this.port);
            }
            int tooLarge = 0;
            int closedUnanswered = 0;
            for (TcpProbe probe : probes) {
                String answer = probe.receive();
                if (answer != null && answer.startsWith("SIP/2.0 513 ")) {
                    tooLarge++;
                } else if (answer == null && probe.closedByPeer()) {
                    closedUnanswered++;
                }
            }
            assertEquals(MAX_CONNECTIONS, tooLarge, "each accepted connection gets 513 (Message Too Large) for its announced megabyte");
            assertEquals(connections - MAX_CONNECTIONS, closedUnanswered, "the connections beyond maxTcpConnections are closed at once");
            for (TcpProbe probe : probes) {
                assertTrue(probe.awaitClose(LIMITS.tcpReadTimeout().toMillis() + GRACE_MILLIS), "a connection whose message does not come whole is closed after the read timeout");
            }
        } finally {
            probes.forEach(TcpProbe::close);
        }
        assertOptionsServed(Transport.TCP);
        assertOptionsServed(Transport.UDP);
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeoutAndPipelinedRequestsAreAllAnswered() throws Exception {
        try (TcpProbe busy = new TcpProbe(this.port); TcpProbe idle = new TcpProbe(this.port)) {
            busy.send(options(busy.port(), "pipelined-1-" + UUID.randomUUID()) + options(busy.port(), "pipelined-2-" + UUID.randomUUID()), this.port);
            for (int answers = 0; answers < 2; answers++) {
                String answer = busy.receive();
                assertNotNull(answer, "both requests of one write are answered");
                assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
            }
            assertTrue(idle.awaitClose(LIMITS.tcpIdleTimeout().toMillis() + GRACE_MILLIS), "an idle connection is closed after the idle timeout");
            assertTrue(busy.awaitClose(LIMITS.tcpIdleTimeout().toMillis() + GRACE_MILLIS), "a connection idle since its answers too");
        }
        assertOptionsServed(Transport.TCP);
    }

    private void assertOptionsServed(Transport transport) throws IOException {
        try (SipProbe probe = SipProbe.open(transport, this.port)) {
            probe.send(options(probe.port(), "fresh-" + UUID.randomUUID()).replace("SIP/2.0/TCP", "SIP/2.0/" + transport), this.port);
            String answer = probe.receive();
            assertNotNull(answer, "the container answers a fresh OPTIONS over " + transport);
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        }
    }

    private String options(int localPort, String callId) {
        return "OPTIONS sip:callee@127.0.0.1:" + this.port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=fresh\r\nTo: <sip:callee@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}
