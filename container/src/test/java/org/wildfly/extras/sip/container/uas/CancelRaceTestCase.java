package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A CANCEL sent right behind its INVITE (RFC 3261 §9.2) reaches the container while the INVITE still waits its turn
 * for its application session: the CANCEL gets 200 and the INVITE 487, every time, and an INVITE the application never
 * got is not shown to it afterwards. Here the application's {@code @SipApplicationKey} takes a moment, as a look-up would,
 * which is when the CANCEL comes. The two requests go in two datagrams sent back to back (sipp sends a scenario's
 * second message only after its next scheduling round, and takes the 100 Trying that comes meanwhile as unexpected).
 * A CANCEL for an INVITE the container never got still gets 481.
 */
class CancelRaceTestCase {

    private static final int CALLS = 50;
    private static final int CALLERS = 5;

    private final AtomicInteger invites = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 4));
        this.container.deploy(SipApplicationDefinition.builder("ringing", Map.of("ring", new Ringing(this.invites, this.cancels))).mainServlet("ring")
                .applicationKey(CancelRaceTestCase::slowKey).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("ringing")).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void aCancelRightBehindItsInviteEndsIt() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<Future<List<String>>> outcomes = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            String name = "caller" + caller;
            outcomes.add(callers.submit(() -> this.call(name, CALLS / CALLERS)));
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Future<List<String>> outcome : outcomes) {
            for (String call : outcome.get(2, TimeUnit.MINUTES)) {
                counts.merge(call, 1, Integer::sum);
            }
        }
        callers.shutdown();
        assertEquals(Map.of("CANCEL 200, INVITE 487", CALLS), counts, "what each of " + CALLS + " calls got");
        assertEquals(this.invites.get(), this.cancels.get(), "each INVITE the application got, it saw cancelled: " + this.invites + " INVITEs, " + this.cancels + " CANCELs");
    }

    /** Calls one after the other, each an INVITE and its CANCEL back to back; the 487 acknowledged. */
    private List<String> call(String caller, int calls) throws IOException {
        List<String> outcomes = new ArrayList<>();
        try (UdpProbe probe = new UdpProbe()) {
            for (int call = 0; call < calls; call++) {
                String callId = caller + "-" + call + "-" + System.nanoTime();
                String via = "SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK" + callId;
                String common = "From: <sip:caller@127.0.0.1>;tag=" + callId + "\r\nCall-ID: " + callId + "\r\nMax-Forwards: 70\r\n";
                String to = "To: <sip:ringing@127.0.0.1:" + this.port + ">";
                probe.send("INVITE sip:ringing@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: " + via + "\r\n" + common + to + "\r\nCSeq: 1 INVITE\r\n"
                        + "Contact: <sip:caller@127.0.0.1:" + probe.port() + ">\r\nContent-Length: 0\r\n\r\n", this.port);
                probe.send("CANCEL sip:ringing@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: " + via + "\r\n" + common + to + "\r\nCSeq: 1 CANCEL\r\n"
                        + "Content-Length: 0\r\n\r\n", this.port);
                String cancelled = "no answer";
                String invite = "no final answer";
                String toOfInvite = null;
                for (String message = probe.receive(); message != null; message = probe.receive()) {
                    int status = Integer.parseInt(message.substring(8, 11));
                    if (message.contains("CSeq: 1 CANCEL")) {
                        cancelled = Integer.toString(status);
                    } else if (status >= 200) {
                        invite = Integer.toString(status);
                        toOfInvite = message.lines().filter(line -> line.startsWith("To:")).findFirst().orElse(to);
                        break;
                    }
                }
                if (toOfInvite != null) {
                    probe.send("ACK sip:ringing@127.0.0.1:" + this.port + " SIP/2.0\r\nVia: " + via + "\r\n" + common + toOfInvite + "\r\nCSeq: 1 ACK\r\n"
                            + "Content-Length: 0\r\n\r\n", this.port);
                }
                outcomes.add("CANCEL " + cancelled + ", INVITE " + invite);
            }
        }
        return outcomes;
    }

    @Test
    void aCancelForAnUnknownInviteGets481() throws Exception {
        Sipp.Result result = Sipp.run("cancel-unknown-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
    }

    /** Each call in an application session of its own, found by a key that takes a moment to compute. */
    private static String slowKey(SipServletRequest request) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return request.getCallId();
    }

    /** Rings and never answers. */
    static final class Ringing extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient AtomicInteger invites;
        private final transient AtomicInteger cancels;

        Ringing(AtomicInteger invites, AtomicInteger cancels) {
            this.invites = invites;
            this.cancels = cancels;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            this.invites.incrementAndGet();
            request.createResponse(180).send();
        }

        @Override
        protected void doCancel(SipServletRequest request) {
            this.cancels.incrementAndGet();
        }
    }
}
