package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.OverloadLimits;
import org.wildfly.extras.sip.container.RuntimeStatistics;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.SippLoad;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A node offered more calls than it can serve: it refuses the excess at once with 503 and Retry-After, serves every call
 * it took to its end (their BYEs included), and takes clean calls again as soon as the flood ends.
 * The application answers an INVITE after {@value #ANSWER_MILLIS} ms on two threads: about 100 calls a second.
 */
class OverloadTestCase {

    private static final long ANSWER_MILLIS = 20;
    private static final AtomicInteger ANSWERED = new AtomicInteger();
    private static final AtomicInteger ENDED = new AtomicInteger();

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void threeTimesTheSustainableRateGetsTheExcessRefusedAndTheRestServed() throws Exception {
        int port = this.start(new OverloadLimits(20, 0));
        int calls = 600;
        SippLoad.Counts counts = SippLoad.calling("overload-call-uac.xml", port, calls, 300, 100).await(90);

        RuntimeStatistics.Overload overload = this.container.overloadStatistics();
        assertEquals(0, counts.failed(), "every call is either served to its end or refused with 503 and Retry-After: " + counts.errors());
        assertEquals(calls, counts.successful(), counts.errors());
        assertTrue(overload.refusedRequests() > 0, "at three times its rate the node refuses some calls: " + overload);
        assertEquals(calls, ANSWERED.get() + overload.refusedRequests(), "each INVITE is either answered by the application or refused, none lost: " + overload);
        assertEquals(ANSWERED.get(), ENDED.get(), "every call taken got its BYE served");
        assertTrue(Sipp.run("short-call-uac.xml", "u1", port).passed(), "a clean call right after the flood");
    }

    @Test
    void aCallRateLimitRefusesTheCallsBeyondIt() throws Exception {
        int port = this.start(new OverloadLimits(1000, 20));
        SippLoad.Counts counts = SippLoad.calling("overload-call-uac.xml", port, 200, 100, 0).await(60);

        long refused = this.container.overloadStatistics().refusedRequests();
        assertEquals(0, counts.failed(), counts.errors());
        // 2 s of calls at 100/s against 20/s and a one-second burst: about 60 taken, never much more
        assertTrue(ANSWERED.get() >= 20 && ANSWERED.get() <= 80, "calls taken: " + ANSWERED.get());
        assertEquals(200, ANSWERED.get() + refused);
    }

    /**
     * An INVITE refused while the node is past its limit, sent again (the caller's Timer A) once the node takes calls
     * again, is refused again with the same answer: its caller has its 503 and gave the call up, and taking the copy
     * would call the callee for nobody. Here the limit is a call rate of one a second: the second call is refused, and
     * its copy comes when the next slot is free.
     */
    @Test
    void aRefusedInviteSentAgainIsRefusedAgain() throws Exception {
        int port = this.start(new OverloadLimits(1000, 1));
        try (UdpProbe caller = new UdpProbe()) {
            caller.send(invite(caller.port(), "taken", port), port);
            assertTrue(finalResponse(caller, "taken").startsWith("SIP/2.0 200 "));
            String refused = invite(caller.port(), "refused", port);
            caller.send(refused, port);
            String first = finalResponse(caller, "refused");
            assertTrue(first.startsWith("SIP/2.0 503 "), first);
            Thread.sleep(1500); // the call rate's next slot is free
            caller.send(refused, port);
            String again = finalResponse(caller, "refused");
            assertTrue(again.startsWith("SIP/2.0 503 "), "the copy of a refused INVITE was taken:\n" + again);
            assertEquals(toTag(first), toTag(again), "the same answer, To tag included");
            assertEquals(1, ANSWERED.get(), "the application saw the first call only");
            caller.send(invite(caller.port(), "next", port), port);
            assertTrue(finalResponse(caller, "next").startsWith("SIP/2.0 200 "), "a new call is taken");
        }
    }

    private static String invite(int localPort, String callId, int port) {
        return "INVITE sip:service@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=c-" + callId + "\r\n"
                + "To: <sip:service@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + localPort + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** @return the next final response of a call; others (the 200s of calls not acknowledged here) are skipped */
    private static String finalResponse(UdpProbe caller, String callId) throws IOException {
        for (int i = 0; i < 20; i++) {
            String message = caller.receive();
            if (message != null && message.contains("\r\nCall-ID: " + callId + "\r\n") && !message.startsWith("SIP/2.0 1")) {
                return message;
            }
        }
        throw new AssertionError("No final response for " + callId);
    }

    private static String toTag(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "To:", 0, 3) && line.contains(";tag=")) {
                return line.substring(line.indexOf(";tag=") + 5);
            }
        }
        return null;
    }

    /**
     * Datagrams sent faster than the node parses them: the excess is dropped at the door, the node's backlog stays
     * bounded, and it answers as soon as the flood ends (the stack's own receive path queued every datagram in 64 KiB
     * and died of OutOfMemoryError under such a flood, leaving the node deaf on UDP).
     */
    @Test
    void aDatagramFloodLeavesTheNodeAnswering() throws Exception {
        int port = this.start(OverloadLimits.DEFAULT);
        int maxBacklog = 0;
        try (UdpProbe flood = new UdpProbe()) {
            for (int i = 0; i < 100_000; i++) {
                flood.send(options(flood.port(), "flood-" + i, port), port);
                if (i % 1000 == 0) {
                    maxBacklog = Math.max(maxBacklog, this.container.overloadStatistics().queuedMessages());
                }
            }
        }
        boolean answered = false;
        for (int attempt = 0; attempt < 20 && !answered; attempt++) {
            answered = Sipp.run("options-uac.xml", "u1", port).passed();
        }
        assertTrue(answered, "the node answers an OPTIONS after the flood");
        // at most 4 MiB of datagrams wait to be parsed, and a thousand messages for a servlet thread
        int datagramsIn4MiB = 4 * 1024 * 1024 / options(0, "flood-00000", port).length();
        assertTrue(maxBacklog <= datagramsIn4MiB + 2 * OverloadLimits.DEFAULT.maxQueuedMessages(), "backlog stayed bounded: " + maxBacklog);
        System.out.printf("datagram flood: 100000 OPTIONS sent, largest backlog seen %d, %s%n", maxBacklog, this.container.overloadStatistics());
    }

    private static String options(int localPort, String callId, int port) {
        return "OPTIONS sip:service@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:flood@127.0.0.1>;tag=f\r\n"
                + "To: <sip:service@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private int start(OverloadLimits limits) throws IOException, ServletException {
        ANSWERED.set(0);
        ENDED.set(0);
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2).withOverloadLimits(limits));
        this.container.deploy(SipApplicationDefinition.builder("busy", Map.of("busy", new BusyServlet())).mainServlet("busy")
                .servletContext(TestServletContext.create("busy")).build());
        return port;
    }

    /** Takes a while over each INVITE, as an application that queries a database would. */
    static final class BusyServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            try {
                Thread.sleep(ANSWER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ANSWERED.incrementAndGet(); // before the answer: sipp may end, and the test count, as soon as the call ends
            request.createResponse(200).send();
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            ENDED.incrementAndGet();
            request.createResponse(200).send();
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }
    }
}
