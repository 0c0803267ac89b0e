package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * Reliable provisional responses sent by a UAS application (RFC 3262, JSR 289 {@code sendReliably}): the 183 carries
 * Require: 100rel and an RSeq, is sent again until its PRACK comes, a PRACK for another RSeq gets 481, and the
 * application answers the PRACK; a caller that does not support 100rel makes {@code sendReliably} throw.
 */
class ReliableProvisionalTestCase {

    private static final Pattern RSEQ = Pattern.compile("\r\nRSeq: (\\d+)\r\n");
    private static final Pattern TO = Pattern.compile("\r\nTo: ([^\r]*)\r\n");

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws Exception {
        this.start(SipContainer.Configuration.DEFAULT_TIMER_T1);
    }

    private void start(Duration timerT1) throws Exception {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2).withTimerT1(timerT1));
        SipErrorListener errors = new SipErrorListener() {
            @Override
            public void noAckReceived(SipErrorEvent event) {
                ReliableProvisionalTestCase.this.events.add("noAckReceived");
            }

            @Override
            public void noPrackReceived(SipErrorEvent event) {
                ReliableProvisionalTestCase.this.events.add("noPrackReceived " + event.getResponse().getStatus());
            }
        };
        this.container.deploy(SipApplicationDefinition.builder("reliable", Map.of("main", new ReliableUas(this.events))).mainServlet("main")
                .listeners(List.of(errors)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("reliable")).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callerPracksTheReliable183(String transport) throws Exception {
        Sipp.Result caller = Sipp.run("prack-uac.xml", transport, this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(seen.contains("183 sent reliably"), seen.toString());
        assertTrue(seen.stream().anyMatch(event -> event.matches("PRACK \\d+ 1 INVITE")), seen.toString());
    }

    /** Over UDP the 183 comes again until the PRACK; a PRACK naming another RSeq gets 481 and stops nothing. */
    @Test
    void the183IsSentAgainUntilItsPrack() throws Exception {
        long sequence;
        try (UdpProbe caller = new UdpProbe()) {
            caller.send(invite(caller.port(), "Supported: 100rel\r\n"), this.port);
            String reliable = caller.receiveStarting("SIP/2.0 183 ");
            assertTrue(reliable.contains("\r\nRequire: 100rel\r\n"), reliable);
            Matcher rseq = RSEQ.matcher(reliable);
            assertTrue(rseq.find(), reliable);
            sequence = Long.parseLong(rseq.group(1));
            String again = caller.receiveStarting("SIP/2.0 183 ");
            assertTrue(again.contains("\r\nRSeq: " + sequence + "\r\n"), "sent again with the same RSeq: " + again);
            Matcher to = TO.matcher(reliable);
            assertTrue(to.find());
            caller.send(prack(caller.port(), to.group(1), 2, sequence + 7), this.port);
            assertTrue(caller.receiveStarting("SIP/2.0 481 ").contains("CSeq: 2 PRACK"), "no reliable response has that RSeq");
            caller.send(prack(caller.port(), to.group(1), 3, sequence), this.port);
            assertTrue(caller.receiveStarting("SIP/2.0 200 ").contains("CSeq: 3 PRACK"));
            assertTrue(caller.receiveStarting("SIP/2.0 200 ").contains("CSeq: 1 INVITE"), "the application answered the call after the PRACK");
        }
        List<String> seen = this.drain();
        assertEquals(List.of("183 sent reliably", "PRACK " + sequence + " 1 INVITE"), seen, "the application saw the matching PRACK only");
    }

    /**
     * A caller that never PRACKs: after 64*T1 (T1 is 50 ms here) the application's error listener hears of it and the
     * INVITE, still unanswered, gets 500 (RFC 3262 §3).
     */
    @Test
    void noPrackTellsTheListenerAndEndsTheInvite() throws Exception {
        this.container.close();
        this.start(Duration.ofMillis(50));
        try (UdpProbe caller = new UdpProbe()) {
            caller.send(invite(caller.port(), "Supported: 100rel\r\n"), this.port);
            assertNotNull(caller.receiveStarting("SIP/2.0 183 "));
            String answer = caller.receiveStarting("SIP/2.0 500 ");
            assertTrue(answer.contains("CSeq: 1 INVITE"), answer);
        }
        assertEquals(List.of("183 sent reliably", "noPrackReceived 183"), this.drain());
    }

    /** A caller that does not show 100rel support: sendReliably throws Rel100Exception, the call goes on unreliably. */
    @Test
    void callerWithout100relMakesSendReliablyThrow() throws Exception {
        try (UdpProbe caller = new UdpProbe()) {
            caller.send(invite(caller.port(), ""), this.port);
            String ringing = caller.receiveStarting("SIP/2.0 180 ");
            assertTrue(!ringing.contains("RSeq"), ringing);
            assertNotNull(caller.receiveStarting("SIP/2.0 200 "));
        }
        assertEquals("Rel100Exception " + Rel100Exception.NO_REQ_SUPPORT, this.events.poll(5, TimeUnit.SECONDS));
    }

    private static String invite(int callerPort, String extra) {
        return "INVITE sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + callerPort + ";branch=z9hG4bKrel" + callerPort + "\r\nMax-Forwards: 70\r\n"
                + "To: <sip:service@127.0.0.1>\r\nFrom: <sip:caller@127.0.0.1>;tag=c" + callerPort + "\r\nCall-ID: reliable-" + callerPort + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + callerPort + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    private static String prack(int callerPort, String to, int cseq, long rseq) {
        return "PRACK sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + callerPort + ";branch=z9hG4bKprack" + cseq + "x" + callerPort + "\r\nMax-Forwards: 70\r\n"
                + "To: " + to + "\r\nFrom: <sip:caller@127.0.0.1>;tag=c" + callerPort + "\r\nCall-ID: reliable-" + callerPort + "\r\nCSeq: " + cseq + " PRACK\r\n"
                + "RAck: " + rseq + " 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(1, TimeUnit.SECONDS); event != null; event = this.events.poll(300, TimeUnit.MILLISECONDS)) {
            seen.add(event);
        }
        return seen;
    }

    /** Sends 183 reliably, answers the call when its PRACK comes; without 100rel, rings and answers. */
    static final class ReliableUas extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final transient Map<String, SipServletRequest> ringing = new ConcurrentHashMap<>();

        ReliableUas(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            try {
                this.ringing.put(request.getCallId(), request);
                request.createResponse(183).sendReliably();
                this.events.add("183 sent reliably");
            } catch (Rel100Exception e) {
                this.ringing.remove(request.getCallId());
                this.events.add("Rel100Exception " + e.getReason());
                request.createResponse(180).send();
                request.createResponse(200).send();
            }
        }

        @Override
        protected void doPrack(SipServletRequest request) throws IOException {
            this.events.add("PRACK " + request.getHeader("RAck"));
            request.createResponse(200).send();
            SipServletRequest invite = this.ringing.remove(request.getCallId());
            if (invite != null) {
                invite.createResponse(200).send();
            }
        }

        @Override
        protected void doAck(SipServletRequest request) {
            // the call is up
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }
    }
}
