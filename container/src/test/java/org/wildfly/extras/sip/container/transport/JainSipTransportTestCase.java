package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.transport.jainsip.JainSipTransport;

/**
 * The JAIN-SIP transport on loopback, driven by sipp over UDP and TCP.
 */
class JainSipTransportTestCase {

    private final BlockingQueue<RawRequest> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<RawResponse> responses = new LinkedBlockingQueue<>();
    /** Counted down when a request with the field {@link #HOLD_PARSING} holds the thread that parses its call's datagrams. */
    private final CountDownLatch parsingHeld = new CountDownLatch(1);
    /** Lets the held parsing thread go. */
    private final CountDownLatch parsingReleased = new CountDownLatch(1);
    private static final String HOLD_PARSING = "X-Hold-Parsing";
    private JainSipTransport transport;
    private int port;

    @BeforeEach
    void start() throws IOException {
        this.port = FreePorts.udpAndTcp();
        this.transport = JainSipTransport.start("test-" + System.nanoTime(), List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port), new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), new SipMessageHandler() {
            @Override
            public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
                if (request.headers().first(HOLD_PARSING) != null) {
                    JainSipTransportTestCase.this.holdParsing(); // the stack hands requests over on its parsing thread
                }
                JainSipTransportTestCase.this.received.add(request);
                try {
                    transaction.respond(okTo(request));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void responseReceived(RawResponse response, ClientTransaction transaction) {
                JainSipTransportTestCase.this.responses.add(response);
            }

            @Override
            public void transactionTimedOut(ClientTransaction transaction) {
            }
        });
    }

    @AfterEach
    void stop() {
        this.parsingReleased.countDown();
        this.transport.close();
    }

    private void holdParsing() {
        this.parsingHeld.countDown();
        try {
            this.parsingReleased.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void optionsIsReceivedWithItsHeadersAndAnswered(String sippTransport) throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", sippTransport, this.port);
        assertTrue(result.passed(), result.output());
        RawRequest options = this.received.poll(5, TimeUnit.SECONDS);
        assertNotNull(options);
        assertEquals("OPTIONS", options.method());
        assertEquals("1 OPTIONS", options.headers().first(HeaderNames.CSEQ));
        assertEquals("application/sdp", options.headers().first("accept"));
        assertTrue(options.headers().first("v").startsWith("SIP/2.0/" + (sippTransport.startsWith("u") ? "UDP" : "TCP")), options.toString());
        assertNull(this.received.poll(500, TimeUnit.MILLISECONDS), "a retransmission would be absorbed by the transaction");
    }

    /**
     * A completed transaction keeps its request as bytes only, and the container's copy is let go: a copy of the request
     * that comes while the transaction lingers (64*T1 on UDP) still gets the answer the first one got, from the stack.
     */
    @org.junit.jupiter.api.Test
    void aCopyOfAnAnsweredRequestGetsTheSameAnswer() throws Exception {
        try (UdpProbe phone = new UdpProbe()) {
            String options = "OPTIONS sip:node@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=z9hG4bK-copy-1\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:node@127.0.0.1>\r\nFrom: <sip:phone@127.0.0.1>;tag=p1\r\nCall-ID: copy-of-answered\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            phone.send(options, this.port);
            String first = phone.receiveStarting("SIP/2.0 200 ");
            assertNotNull(this.received.poll(5, TimeUnit.SECONDS));
            Thread.sleep(1000);
            phone.send(options, this.port);
            String again = phone.receiveStarting("SIP/2.0 200 ");
            assertEquals(first, again, "the copy's answer");
            assertNull(this.received.poll(500, TimeUnit.MILLISECONDS), "the copy reached the container");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "UDP", "TCP" })
    void boundPointsReportTheirPorts(String transport) {
        assertTrue(this.transport.listeningPoints().contains(new ListeningPoint(Transport.valueOf(transport), "127.0.0.1", this.port)), this.transport.listeningPoints().toString());
    }

    @org.junit.jupiter.api.Test
    void unknownSipVersionGets505() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send("OPTIONS sip:bob@127.0.0.1 SIP/7.0\r\nVia: SIP/7.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bKv7\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:bob@127.0.0.1>\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nCall-ID: version7\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = probe.receive();
            assertNotNull(answer, "no answer");
            assertTrue(answer.startsWith("SIP/2.0 505 "), answer);
            assertNull(this.received.poll(200, TimeUnit.MILLISECONDS), "the container never sees it");
        }
    }

    @org.junit.jupiter.api.Test
    void malformedRequestGets400AndTheNextIsServed() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bKbad\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:bob@127.0.0.1>\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nCall-ID: bad\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = probe.receive();
            assertNotNull(answer, "no answer");
            assertTrue(answer.startsWith("SIP/2.0 400 "), answer);
            probe.send("garbage\r\n\r\n", this.port);
            assertNull(probe.receive(), "what cannot be answered is dropped");
        }
        assertTrue(Sipp.run("options-uac.xml", "u1", this.port).passed(), "still serving");
    }

    /**
     * A CANCEL that comes after its INVITE was answered finds that INVITE's transaction and gets the stack's own 200
     * (RFC 3261 §9.2), without reaching the handler: by its branch, looked up, for an RFC 3261 client; by the stack's own
     * search for an RFC 2543 one, whose branch names no transaction.
     */
    @ParameterizedTest
    @ValueSource(strings = { "z9hG4bK-late-cancel", "rfc2543-late-cancel" })
    void aCancelAfterTheAnswerFindsItsInvite(String branch) throws Exception {
        try (UdpProbe phone = new UdpProbe()) {
            String head = "sip:uas@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=" + branch
                    + "\r\nFrom: <sip:uac@127.0.0.1>;tag=uac1\r\nTo: <sip:uas@127.0.0.1>\r\nCall-ID: late-cancel-" + branch + "\r\n";
            phone.send("INVITE " + head + "CSeq: 1 INVITE\r\nContact: <sip:uac@127.0.0.1:" + phone.port() + ">\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                    this.port);
            phone.receiveStarting("SIP/2.0 200 ");
            assertEquals("INVITE", this.received.poll(5, TimeUnit.SECONDS).method());
            phone.send("CANCEL " + head + "CSeq: 1 CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = phone.receiveStarting("SIP/2.0 200 ");
            assertTrue(answer.contains("CSeq: 1 CANCEL"), answer);
            assertNull(this.received.poll(500, TimeUnit.MILLISECONDS), "the stack matched the CANCEL to its answered INVITE and answered it itself");
        }
    }

    /**
     * The callee answers an INVITE at once, but the node is busy and its answers wait to be parsed (here the thread that
     * parses the call's datagrams is held by a request of the same call): Timer A must not send the INVITE again, since its answer is in hand. A strict callee (sipp's) that has
     * sent 180 and 200 drops the call on an INVITE that comes again.
     */
    @org.junit.jupiter.api.Test
    void anInviteWhoseAnswerWaitsToBeParsedIsNotSentAgain() throws Exception {
        try (UdpProbe callee = new UdpProbe(); UdpProbe other = new UdpProbe()) {
            this.transport.send(this.invite("answer-waits-to-be-parsed", "z9hG4bK-Answered-1", callee.port()), null);
            String invite = callee.receiveStarting("INVITE ");
            other.send("OPTIONS sip:node@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + other.port() + ";branch=z9hG4bK-hold\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:node@127.0.0.1>\r\nFrom: <sip:other@127.0.0.1>;tag=1\r\nCall-ID: answer-waits-to-be-parsed\r\nCSeq: 1 OPTIONS\r\n" + HOLD_PARSING
                    + ": yes\r\nContent-Length: 0\r\n\r\n",
                    this.port);
            assertTrue(this.parsingHeld.await(5, TimeUnit.SECONDS), "the parsing thread was not held");
            callee.send(DeadNodeRepliesTestCase.response(invite, "180 Ringing", "callee1"), this.port);
            callee.send(DeadNodeRepliesTestCase.response(invite, "200 OK", "callee1"), this.port);
            // Timer A: 500 ms, then 1 s more; the probe waits 2 s for each datagram
            String again = callee.receive();
            assertNull(again, "the INVITE was sent again though its answers had arrived:\n" + again);
            this.parsingReleased.countDown();
            assertEquals(180, this.responses.poll(5, TimeUnit.SECONDS).status());
            assertEquals(200, this.responses.poll(5, TimeUnit.SECONDS).status());
        }
    }

    /**
     * The node stands still (a long stop-the-world collection) just after it sent an INVITE, while the callee's 180 and
     * 200 arrive: when it runs again its timer is past Timer A, and the answers still wait in the kernel's buffer, not
     * yet read. The INVITE must not go again.
     */
    @org.junit.jupiter.api.Test
    void anInviteAnsweredWhileTheNodeStoodIsNotSentAgain() throws Exception {
        try (UdpProbe callee = new UdpProbe()) {
            long sent = System.currentTimeMillis();
            this.transport.send(this.invite("answered-while-stopped", "z9hG4bK-Stopped-1", callee.port()), null);
            String invite = callee.receiveStarting("INVITE ");
            long stoppedAt = StoppedJvm.sendWhileStopped(List.of(DeadNodeRepliesTestCase.response(invite, "180 Ringing", "callee1"), DeadNodeRepliesTestCase.response(invite, "200 OK", "callee1")), this.port, 800);
            org.junit.jupiter.api.Assumptions.assumeTrue(stoppedAt - sent < 400, "the JVM stopped " + (stoppedAt - sent) + " ms after the INVITE left: Timer A may have fired before");
            String again = callee.receive();
            assertNull(again, "the INVITE was sent again though its answers had arrived while the node stood:\n" + again);
            assertEquals(180, this.responses.poll(5, TimeUnit.SECONDS).status());
            assertEquals(200, this.responses.poll(5, TimeUnit.SECONDS).status());
        }
    }

    private RawRequest invite(String callId, String branch, int calleePort) {
        HeaderFields headers = new HeaderFields();
        headers.add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:" + this.port + ";branch=" + branch + ";rport");
        headers.add(HeaderNames.FROM, "<sip:caller@127.0.0.1>;tag=caller1");
        headers.add(HeaderNames.TO, "<sip:callee@127.0.0.1>");
        headers.add(HeaderNames.CALL_ID, callId);
        headers.add(HeaderNames.CSEQ, "1 INVITE");
        headers.add("Max-Forwards", "70");
        headers.add(HeaderNames.CONTACT, "<sip:caller@127.0.0.1:" + this.port + ">");
        return new RawRequest("INVITE", "sip:callee@127.0.0.1:" + calleePort, headers, null);
    }

    static RawResponse okTo(RawRequest request) {
        HeaderFields headers = new HeaderFields();
        for (String name : new String[] { HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ }) {
            for (String value : request.headers().all(name)) {
                headers.add(name, value);
            }
        }
        headers.set(HeaderNames.TO, request.headers().first(HeaderNames.TO) + ";tag=uas1");
        if (request.method().equals("INVITE")) {
            headers.set(HeaderNames.CONTACT, "<sip:uas@127.0.0.1>"); // mandatory in a 2xx to INVITE (RFC 3261 §12.1.1)
        }
        return new RawResponse(200, "OK", headers, null);
    }
}
