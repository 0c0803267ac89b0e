package org.wildfly.extras.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

import org.junit.jupiter.api.AfterEach;
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

/**
 * A B2BUA application bridges a sipp UAC to a sipp UAS: SDP, provisional and final responses, ACK, INFO and BYE are
 * relayed leg to leg; CANCEL and a refusal too. It counts the call's requests in the application session.
 */
class B2buaTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void bridgesACallWithInfoAndByeFromCaller(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-call-uas.xml", transport);
        this.deploy(callee, transport);
        Sipp.Result caller = Sipp.run("b2bua-call-uac.xml", transport, this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(answered.passed(), this.events + "\n" + answered.output());
        List<String> seen = this.drain();
        assertTrue(seen.containsAll(List.of("INVITE", "180 INVITE", "200 INVITE", "ACK", "INFO", "200 INFO", "BYE", "200 BYE")), seen.toString());
        String legs = seen.stream().filter(event -> event.startsWith("legs ")).findFirst().orElseThrow();
        String[] ids = legs.substring(5).split(" ");
        assertNotEquals(ids[0], ids[1], "each leg is a SIP session of its own");
        assertNotEquals(ids[2], ids[3], "each leg is a dialog with its own Call-ID");
    }

    /**
     * The application stops (as on a node leaving the cluster) while the BYE it relayed waits for the callee's answer,
     * which takes a second and a half: its stop waits for that answer, no longer (StoppingApplicationTestCase of the
     * clustering module shows the caller's loss when the sessions close first).
     */
    @Test
    void answerToARelayedByeReachesTheCallerWhenTheApplicationStops() throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-slow-bye-uas.xml", "u1");
        this.deploy(callee, "u1");
        Sipp.Server caller = Sipp.startClient("b2bua-call-uac.xml", "u1", this.port, "-timeout", "15s");
        for (String event = this.events.poll(10, TimeUnit.SECONDS); !"BYE".equals(event); event = this.events.poll(10, TimeUnit.SECONDS)) {
            assertNotNull(event, "the bridge got the caller's BYE");
        }
        Thread.sleep(200); // the BYE relayed to the callee
        long stopping = System.nanoTime();
        this.container.undeploy("b2bua");
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        Sipp.Result called = caller.await();
        Sipp.Result answered = callee.await();
        assertTrue(called.passed(), "the caller got the 200 to its BYE:\n" + called.output());
        assertTrue(answered.passed(), answered.output());
        assertTrue(this.drain().contains("200 BYE"), "the callee's 200 reached the application");
        assertTrue(stopMillis < 5000, "the application stopped once the answer was relayed (not after its 5 s at most), in " + stopMillis + " ms");
    }

    @Test
    void calleeHangsUp() throws Exception {
        Sipp.Server callee = Sipp.startServer("hang-up-uas.xml", "u1");
        this.deploy(callee, "u1");
        Sipp.Result caller = Sipp.run("callee-hangs-up-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(answered.passed(), this.events + "\n" + answered.output());
        List<String> seen = this.drain();
        assertTrue(seen.contains("BYE") && seen.contains("200 BYE"), seen.toString());
    }

    @Test
    void cancelBeforeAnswerIsRelayed() throws Exception {
        Sipp.Server callee = Sipp.startServer("uas-cancelled.xml", "u1");
        this.deploy(callee, "u1");
        Sipp.Result caller = Sipp.run("cancel-uac.xml", "u1", this.port);
        Sipp.Result cancelled = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(cancelled.passed(), this.events + "\n" + cancelled.output());
        assertTrue(this.drain().contains("CANCEL"));
    }

    /**
     * The callee's 200 crossed the caller's CANCEL: the caller already has its 487 from the container, so the late 200
     * finds the caller's INVITE committed, and the bridge, which sees that, does not answer it again; the container
     * acknowledges the orphan 2xx and hangs the callee up (JSR 289 leaves it no one else to do it).
     */
    @Test
    void aTwoHundredThatCrossedTheCallersCancelFindsTheCallerAnswered() throws Exception {
        Sipp.Server callee = Sipp.startServer("uas-answers-across-cancel.xml", "u1", "-timeout", "20s");
        this.deploy(callee, "u1");
        Sipp.Result caller = Sipp.run("cancel-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        List<String> seen = this.drain();
        assertTrue(seen.contains("200 INVITE"), seen.toString());
        assertFalse(seen.stream().anyMatch(event -> event.startsWith("relay failed")), "the bridge relayed what isCommitted() allowed: " + seen);
        assertTrue(answered.passed(), "the callee got its ACK and BYE:\n" + answered.output());
    }

    @Test
    void busyIsRelayedBack() throws Exception {
        Sipp.Server callee = Sipp.startServer("busy-uas.xml", "u1");
        this.deploy(callee, "u1");
        Sipp.Result caller = Sipp.run("busy-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(callee.await().passed());
        assertTrue(this.drain().contains("486 INVITE"));
    }

    @Test
    void aB2buaMayNotProxyTheSameRequest() throws Exception {
        Sipp.Server callee = Sipp.startServer("busy-uas.xml", "u1");
        this.deploy(callee, "u1");
        Sipp.Result caller = Sipp.run("busy-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), caller.output());
        callee.await();
        List<String> seen = this.drain();
        assertTrue(seen.contains("getProxy refused: IllegalStateException"), seen.toString());
    }

    private void deploy(Sipp.Server callee, String transport) throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
        String target = "sip:callee@127.0.0.1:" + callee.port() + (transport.equals("t1") ? ";transport=tcp" : "");
        this.container.deploy(SipApplicationDefinition.builder("b2bua", Map.of("bridge", new Bridge(this.events, target))).mainServlet("bridge")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("b2bua")).build());
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(1, TimeUnit.SECONDS); event != null; event = this.events.poll(200, TimeUnit.MILLISECONDS)) {
            seen.add(event);
        }
        return seen;
    }

    /** Bridges each call to its target, relaying requests and responses between the linked legs. */
    static final class Bridge extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final String target;

        Bridge(BlockingQueue<String> events, String target) {
            this.events = events;
            this.target = target;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            this.events.add(request.getMethod());
            B2buaHelper helper = request.getB2buaHelper();
            if (request.getMethod().equals("CANCEL")) {
                helper.createCancel(helper.getLinkedSession(request.getSession())).send();
                return;
            }
            count(request.getApplicationSession());
            if (request.isInitial()) {
                try {
                    request.getProxy();
                } catch (IllegalStateException e) {
                    this.events.add("getProxy refused: " + e.getClass().getSimpleName());
                }
                SipServletRequest outgoing = helper.createRequest(request, true, Map.of("X-Bridged", List.of("yes")));
                outgoing.setRequestURI(((SipFactory) this.getServletContext().getAttribute(SIP_FACTORY)).createURI(this.target));
                outgoing.send();
                this.events.add("legs " + request.getSession().getId() + " " + outgoing.getSession().getId() + " " + request.getCallId() + " " + outgoing.getCallId());
                return;
            }
            SipSession other = helper.getLinkedSession(request.getSession());
            if (request.getMethod().equals("ACK")) {
                for (SipServletMessage pending : helper.getPendingMessages(other, UAMode.UAC)) {
                    if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                        response.createAck().send();
                    }
                }
                return;
            }
            helper.createRequest(other, request, null).send();
        }

        @Override
        protected void doResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod());
            if (response.getMethod().equals("CANCEL")) {
                return;
            }
            SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
            if (original == null || original.isCommitted()) {
                return; // e.g. the 487 of a leg whose caller already got its own 487
            }
            SipServletResponse relayed;
            try {
                relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
            } catch (IllegalStateException e) {
                this.events.add("relay failed: " + e.getMessage());
                throw e;
            }
            if (response.getContentLength() > 0) {
                relayed.setContent(response.getRawContent(), response.getContentType());
            }
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                relayed.setHeader("X-Counter", response.getApplicationSession().getAttribute("requests").toString());
            }
            relayed.send();
        }

        private static void count(SipApplicationSession session) {
            Integer count = (Integer) session.getAttribute("requests");
            session.setAttribute("requests", (count != null) ? count + 1 : 1);
        }
    }
}
