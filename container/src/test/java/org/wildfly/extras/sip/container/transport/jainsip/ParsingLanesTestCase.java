package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.TransportLimits;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * UDP datagrams are parsed by several threads, each call's in the order they arrived: a call whose request holds its
 * thread (a slow hand-over) stalls only the calls of its lane.
 */
class ParsingLanesTestCase {

    private static final String HOLD = "X-Hold";

    private final BlockingQueue<RawRequest> received = new LinkedBlockingQueue<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private JainSipTransport transport;
    private int port;

    @BeforeEach
    void start() throws IOException {
        this.port = FreePorts.udpAndTcp();
        this.transport = JainSipTransport.start("lanes-" + System.nanoTime(), List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)),
                TransportLimits.DEFAULTS, new IgnoringHandler() {
                    @Override
                    public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
                        ParsingLanesTestCase.this.received.add(request);
                        if (request.headers().first(HOLD) != null) {
                            ParsingLanesTestCase.this.hold(); // the stack hands requests over on the thread that parsed them
                        }
                    }
                });
    }

    @AfterEach
    void stop() {
        this.released.countDown();
        this.transport.close();
    }

    @Test
    void eachCallsRequestsArriveInTheOrderSent() throws Exception {
        int calls = 64;
        int requests = 5;
        try (UdpProbe phone = new UdpProbe()) {
            for (int cseq = 1; cseq <= requests; cseq++) {
                for (int call = 0; call < calls; call++) {
                    phone.send(options(phone.port(), "order-" + call, cseq, ""), this.port);
                }
            }
            Map<String, List<Integer>> sequences = new HashMap<>();
            for (int i = 0; i < calls * requests; i++) {
                RawRequest request = this.received.poll(10, TimeUnit.SECONDS);
                assertNotNull(request, "only " + i + " of " + calls * requests + " requests arrived");
                sequences.computeIfAbsent(request.headers().first(HeaderNames.CALL_ID), callId -> new ArrayList<>())
                        .add(Integer.parseInt(request.headers().first(HeaderNames.CSEQ).split(" ")[0]));
            }
            assertEquals(calls, sequences.size());
            sequences.forEach((callId, sequence) -> assertEquals(List.of(1, 2, 3, 4, 5), sequence, callId));
        }
    }

    @Test
    void aCallThatHoldsItsThreadStallsOnlyTheCallsOfItsLane() throws Exception {
        int lanes = JainSipMessageProcessorFactory.UDP_PARSING_THREADS;
        Assumptions.assumeTrue(lanes > 1, "one processor: one parsing thread");
        String slow = "slow-call";
        String other = "other-call-0";
        for (int i = 1; lane(other, lanes) == lane(slow, lanes); i++) {
            other = "other-call-" + i;
        }
        try (UdpProbe phone = new UdpProbe()) {
            phone.send(options(phone.port(), slow, 1, HOLD + ": yes\r\n"), this.port);
            assertTrue(this.held.await(5, TimeUnit.SECONDS), "the slow call's request did not reach the handler");
            assertEquals(slow, this.received.take().headers().first(HeaderNames.CALL_ID));
            phone.send(options(phone.port(), slow, 2, ""), this.port);
            phone.send(options(phone.port(), other, 1, ""), this.port);
            RawRequest next = this.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "a call of another lane waited for the held one");
            assertEquals(other, next.headers().first(HeaderNames.CALL_ID));
            assertNull(this.received.poll(300, TimeUnit.MILLISECONDS), "the slow call's second request passed its first");
            this.released.countDown();
            RawRequest second = this.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(second, "the slow call's second request was lost");
            assertEquals("2 OPTIONS", second.headers().first(HeaderNames.CSEQ));
        }
    }

    private void hold() {
        this.held.countDown();
        try {
            this.released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int lane(String callId, int lanes) {
        return Math.floorMod(DatagramFields.callIdHash(("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: " + callId + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)), lanes);
    }

    private static String options(int from, String callId, int cseq, String extra) {
        return "OPTIONS sip:node@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK-" + callId + "-" + cseq + "\r\nMax-Forwards: 70\r\n"
                + "To: <sip:node@127.0.0.1>\r\nFrom: <sip:phone@127.0.0.1>;tag=" + callId + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " OPTIONS\r\n" + extra
                + "Content-Length: 0\r\n\r\n";
    }
}
