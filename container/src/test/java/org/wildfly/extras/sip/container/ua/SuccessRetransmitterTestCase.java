package org.wildfly.extras.sip.container.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;

/**
 * A UAS's 2xx to INVITE over UDP is retransmitted by the container until the ACK, as RFC 3261 §13.3.1.4 asks.
 */
class SuccessRetransmitterTestCase {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CompletableFuture<SuccessRetransmitter.Key> timedOut = new CompletableFuture<>();
    private JainSipTransport transport;
    private SuccessRetransmitter retransmitter;
    private int port;

    @BeforeEach
    void start() throws IOException {
        this.port = FreePorts.udpAndTcp();
        this.transport = JainSipTransport.start("retransmit-" + System.nanoTime(), List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), new SipMessageHandler() {
            @Override
            public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
                if (request.method().equals("ACK")) {
                    SuccessRetransmitterTestCase.this.retransmitter.acknowledged(new SuccessRetransmitter.Key(request.callId(), "uas", 1));
                    return;
                }
                RawResponse ok = new RawResponse(200, "OK", new org.wildfly.extras.sip.container.transport.HeaderFields(request.headers()), null);
                ok.headers().remove(HeaderNames.MAX_FORWARDS);
                ok.headers().remove(HeaderNames.CONTACT);
                ok.headers().set(HeaderNames.TO, request.headers().first(HeaderNames.TO) + ";tag=uas");
                ok.headers().add(HeaderNames.CONTACT, "<sip:uas@127.0.0.1:" + SuccessRetransmitterTestCase.this.port + ">");
                try {
                    transaction.respond(ok);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                SuccessRetransmitterTestCase.this.retransmitter.start(new SuccessRetransmitter.Key(request.callId(), "uas", 1), ok, true, SuccessRetransmitterTestCase.this.timedOut::complete,
                        () -> false);
            }

            @Override
            public void responseReceived(RawResponse response, ClientTransaction transaction) {
            }

            @Override
            public void transactionTimedOut(ClientTransaction transaction) {
            }
        });
    }

    @AfterEach
    void stop() {
        this.scheduler.shutdownNow();
        this.transport.close();
    }

    @Test
    void retransmitsUntilTheAck() throws Exception {
        this.retransmitter = new SuccessRetransmitter(this.transport, this.scheduler, Duration.ofMillis(100), Duration.ofMillis(400));
        try (UdpProbe probe = new UdpProbe()) {
            probe.send(invite(probe.port(), "retransmit-until-ack"), this.port);
            int oks = 0;
            for (int i = 0; i < 5; i++) {
                String message = probe.receive();
                assertNotNull(message, "after " + oks + " 200 OK");
                if (message.startsWith("SIP/2.0 200 ")) {
                    oks++;
                }
            }
            assertTrue(oks >= 4, "the 200 OK was sent once and retransmitted: " + oks);
            probe.send(ack(probe.port(), "retransmit-until-ack"), this.port);
            while (probe.receive() != null) {
                // the ones already in flight
            }
            assertEquals(0, this.retransmitter.pendingCount());
            assertNull(probe.receive(), "silence after the ACK");
            assertTrue(!this.timedOut.isDone());
        }
    }

    @Test
    void givesUpAfter64TimesT1() throws Exception {
        this.retransmitter = new SuccessRetransmitter(this.transport, this.scheduler, Duration.ofMillis(20), Duration.ofMillis(80));
        try (UdpProbe probe = new UdpProbe()) {
            probe.send(invite(probe.port(), "no-ack"), this.port);
            SuccessRetransmitter.Key key = this.timedOut.get(10, TimeUnit.SECONDS);
            assertEquals("no-ack", key.callId());
            assertEquals(0, this.retransmitter.pendingCount());
        }
    }

    private static String invite(int from, String callId) {
        return "INVITE sip:uas@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK" + callId + "\r\nMax-Forwards: 70\r\n"
                + "To: <sip:uas@127.0.0.1>\r\nFrom: <sip:uac@127.0.0.1>;tag=uac\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:uac@127.0.0.1:" + from + ">\r\nContent-Length: 0\r\n\r\n";
    }

    private static String ack(int from, String callId) {
        return "ACK sip:uas@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bKack" + callId + "\r\nMax-Forwards: 70\r\n"
                + "To: <sip:uas@127.0.0.1>;tag=uas\r\nFrom: <sip:uac@127.0.0.1>;tag=uac\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }
}
