package org.wildfly.extras.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.SippLoad;
import org.wildfly.extras.sip.container.transport.StoppedJvm;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * The callee of the sample B2BUA ({@link CallBridge}) gets the ACK of its 200 once, before the BYE, in the situations
 * that broke it under load. The caller is written here, so that the test chooses when its ACK leaves; the callee is
 * sipp ({@code b2bua-load-uas.xml}), which fails a call whose ACK is missing or comes twice.
 */
class B2buaAcknowledgementTestCase {

    private static final int PAUSED_CALLS = 5;
    // other calls' traffic that reaches the paused node before the ACKs: 150 datagrams of about 450 bytes, more than
    // JAIN-SIP's own 64 KiB receive buffer holds (about 100), well within what Linux grants by default (212992 bytes,
    // doubled by the kernel: about 330)
    private static final int TRAFFIC_DURING_PAUSE = 150;

    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    /**
     * The callee's 200 reaches the B2BUA a second time before the caller's ACK does: a retransmission that a busy node
     * takes while its stack still keeps the INVITE's client transaction (here a duplicate sent at once, for the same
     * effect every time). It is the UAC core's business: handed to the application as one more 2xx to acknowledge, it
     * made the B2BUA send the callee a second ACK, on which the callee gave the call up.
     */
    @Test
    void calleeWhose200ComesTwiceGetsOneAck() throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-twice-200-uas.xml", "u1");
        this.deploy(callee.port());
        try (Caller caller = new Caller(this.port)) {
            Call call = caller.invite("twice-200");
            // received so far: the INVITE, the callee's 180 and its first 200. Once the container has the second 200, our
            // ACK is handled after it (one parse thread, then one queue per application session)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (this.received() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(this.received() >= 4, "the callee's second 200 did not arrive");
            caller.acknowledge(call);
            boolean hungUp = caller.hangUp(call);
            Sipp.Result answered = callee.await();
            assertTrue(answered.passed() && hungUp, "the callee must get one ACK, then the BYE\n" + answered.output());
        }
    }

    /**
     * The node stops, as a long stop-the-world garbage collection stops it, while other traffic and then the callers'
     * ACKs arrive: the kernel must keep them all until the node runs again. With the stack's own 64 KiB receive buffer
     * it dropped the ACKs, the callees never got theirs, and they saw the BYE where they wanted the ACK (the container
     * logged "No ACK for the 2xx" 32 s later). The callers do not send their ACK again, as a sipp caller that has gone
     * on to its BYE does not.
     */
    @Test
    void everyCalleeGetsItsAckWhenTheNodePausedAsTheAcksArrived() throws Exception {
        SippLoad callee = SippLoad.answering("b2bua-load-uas.xml", PAUSED_CALLS);
        this.deploy(callee.port());
        boolean hungUp = true;
        try (Caller caller = new Caller(this.port)) {
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < PAUSED_CALLS; i++) {
                calls.add(caller.invite("paused-" + i));
            }
            List<String> datagrams = new ArrayList<>();
            for (int i = 0; i < TRAFFIC_DURING_PAUSE; i++) {
                datagrams.add(strayAck(i, this.port));
            }
            for (Call call : calls) {
                datagrams.add(caller.ack(call));
            }
            StoppedJvm.sendWhileStopped(datagrams, this.port, 0);
            for (Call call : calls) {
                hungUp &= caller.hangUp(call);
            }
        }
        SippLoad.Counts answered = callee.await(30);
        System.out.printf(Locale.ROOT, "Calls through a node paused as their ACKs arrived: %d, callees that got their ACK and BYE: %d, failed: %d%n",
                PAUSED_CALLS, answered.successful(), answered.failed());
        assertTrue(answered.failed() == 0 && answered.successful() == PAUSED_CALLS && hungUp,
                "every callee must get its ACK, then the BYE; kernel drops on the container's socket: " + B2buaLoadBenchmark.kernelDrops(this.port) + "\n" + answered.errors());
    }

    /** An ACK of no dialog, as other calls' traffic: the container drops it at once. About 450 bytes, as a SIP request. */
    private static String strayAck(int number, int port) {
        return "ACK sip:nobody@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-stray-" + number + ";rport\r\n"
                + "From: <sip:somebody@127.0.0.1:9>;tag=stray-" + number + "\r\n"
                + "To: <sip:nobody@127.0.0.1:" + port + ">\r\n"
                + "Call-ID: stray-" + number + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Max-Forwards: 70\r\n"
                + "Subject: " + "x".repeat(200) + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private long received() {
        return this.container.connectorStatistics().stream().filter(connector -> connector.listeningPoint().transport() == Transport.UDP)
                .mapToLong(connector -> connector.messagesReceived()).sum();
    }

    private void deploy(int calleePort) throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("bridge", Map.of("bridge", new CallBridge())).mainServlet("bridge")
                .sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("bridge", Map.of("bridge.target", "sip:callee@127.0.0.1:" + calleePort))).build());
    }

    /** A call as the caller knows it once answered: its Call-ID, the To with the B2BUA's tag, where in-dialog requests go. */
    record Call(String callId, String to, String target) {
    }

    /**
     * A UDP caller that sends what the test says when it says it, like a sipp caller: it does not answer a 200 that
     * comes again with another ACK once it has moved on to its BYE.
     */
    static final class Caller implements AutoCloseable {
        private final UdpProbe socket;
        private final int serverPort;
        private int branches;

        Caller(int serverPort) throws IOException {
            this.socket = new UdpProbe();
            this.serverPort = serverPort;
        }

        /** Sends an INVITE and waits for its 200. */
        Call invite(String callId) throws IOException {
            String body = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";
            this.socket.send("INVITE sip:callee@127.0.0.1:" + this.serverPort + " SIP/2.0\r\n"
                    + this.via()
                    + "From: <sip:caller@127.0.0.1:" + this.socket.port() + ">;tag=" + callId + "-caller\r\n"
                    + "To: <sip:callee@127.0.0.1:" + this.serverPort + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:caller@127.0.0.1:" + this.socket.port() + ">\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body, this.serverPort);
            String ok = this.awaitResponse(callId, "INVITE");
            if (ok == null) {
                throw new AssertionError("No 2xx to the INVITE of " + callId);
            }
            String contact = header(ok, "Contact");
            return new Call(callId, header(ok, "To"), contact.substring(contact.indexOf('<') + 1, contact.indexOf('>')));
        }

        /** @return the ACK of a call's 200, as this caller would send it */
        String ack(Call call) {
            return this.inDialog(call, "ACK", 1);
        }

        void acknowledge(Call call) throws IOException {
            this.socket.send(this.ack(call), this.serverPort);
        }

        /**
         * Sends the BYE of a call and waits for its 200.
         * @return whether the 200 came
         */
        boolean hangUp(Call call) throws IOException {
            this.socket.send(this.inDialog(call, "BYE", 2), this.serverPort);
            return this.awaitResponse(call.callId(), "BYE") != null;
        }

        private String inDialog(Call call, String method, int sequence) {
            return method + " " + call.target() + " SIP/2.0\r\n"
                    + this.via()
                    + "From: <sip:caller@127.0.0.1:" + this.socket.port() + ">;tag=" + call.callId() + "-caller\r\n"
                    + "To: " + call.to() + "\r\n"
                    + "Call-ID: " + call.callId() + "\r\n"
                    + "CSeq: " + sequence + " " + method + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        private String via() {
            return "Via: SIP/2.0/UDP 127.0.0.1:" + this.socket.port() + ";branch=z9hG4bK-caller-" + (++this.branches) + ";rport\r\n";
        }

        /**
         * @return the 2xx to a request of a call, or {@code null} after 10 s without any; provisional responses and the
         *         200s the container sends again are skipped
         */
        private String awaitResponse(String callId, String method) throws IOException {
            for (int silences = 0; silences < 5;) {
                String message = this.socket.receive();
                if (message == null) {
                    silences++;
                } else if (message.startsWith("SIP/2.0 2") && callId.equals(header(message, "Call-ID")) && header(message, "CSeq").endsWith(" " + method)) {
                    return message;
                }
            }
            return null;
        }

        @Override
        public void close() {
            this.socket.close();
        }
    }

    private static String header(String message, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : message.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("No " + name + " in\n" + message);
    }
}
