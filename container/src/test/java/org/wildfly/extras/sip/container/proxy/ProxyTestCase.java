package org.wildfly.extras.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.URI;

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
 * A record-routing proxy application between a sipp UAC and one or more sipp UASes: calls, hang-ups from either side,
 * re-INVITE, CANCEL, parallel and sequential forking. The proxy counts each call's requests in its SIP session.
 */
class ProxyTestCase {

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
    void callWithInfoReinviteAndByeFromCaller(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("proxy-call-uas.xml", transport);
        this.deploy(new CountingProxy(this.events, true, target(callee, transport)));
        Sipp.Result caller = Sipp.run("proxy-call-uac.xml", transport, this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(answered.passed(), this.events + "\n" + answered.output());
        List<String> seen = this.drain();
        assertTrue(seen.containsAll(List.of("INVITE initial", "200 INVITE", "ACK", "INFO", "200 INFO", "INVITE", "200 INVITE", "BYE", "200 BYE")), seen.toString());
    }

    @Test
    void calleeHangsUp() throws Exception {
        Sipp.Server callee = Sipp.startServer("hang-up-uas.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(callee, "u1")));
        Sipp.Result caller = Sipp.run("callee-hangs-up-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(answered.passed(), this.events + "\n" + answered.output());
        assertTrue(this.drain().contains("BYE"), "the proxy record-routed, so it sees the callee's BYE");
    }

    /**
     * The caller's ACK sent again (the 2xx came twice) is forwarded as the same ACK, branch included: the callee sees a
     * retransmission, not a second ACK it does not expect (sipp, like strict phones, drops a call on one). Under load after
     * a failover this lost proxied calls.
     */
    @Test
    void anAckSentAgainReachesTheCalleeAsARetransmission() throws Exception {
        Sipp.Server callee = Sipp.startServer("answer-uas.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(callee, "u1")));
        Sipp.Result caller = Sipp.run("proxy-ack-again-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(answered.passed(), "the callee took the second ACK as the first one again:\n" + answered.output());
        assertEquals(1, this.drain().stream().filter("ACK"::equals).count(), "the application saw the ACK once");
    }

    /**
     * The callee sends its 200 again before the caller's ACK came (the caller is slow): that second 200 matches no
     * transaction of the proxy (the first ended the INVITE's), goes the transport's way for stray responses, and reaches
     * the caller; the caller waits for it before it acknowledges.
     */
    @Test
    void aTwoHundredSentAgainReachesTheCaller() throws Exception {
        Sipp.Server callee = Sipp.startServer("answer-uas.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(callee, "u1")));
        Sipp.Result caller = Sipp.run("late-ack-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), "the caller got the 200 twice:\n" + this.events + "\n" + caller.output());
        assertTrue(answered.passed(), answered.output());
    }

    @Test
    void cancelBeforeAnswer() throws Exception {
        Sipp.Server callee = Sipp.startServer("uas-cancelled.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(callee, "u1")));
        Sipp.Result caller = Sipp.run("cancel-uac.xml", "u1", this.port);
        Sipp.Result cancelled = callee.await();
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(cancelled.passed(), this.events + "\n" + cancelled.output());
        List<String> seen = this.drain();
        assertTrue(seen.contains("CANCEL") && seen.contains("487 INVITE"), seen.toString());
    }

    @Test
    void parallelForkingCancelsTheBranchThatDidNotAnswer() throws Exception {
        Sipp.Server answering = Sipp.startServer("answer-uas.xml", "u1");
        Sipp.Server ringing = Sipp.startServer("uas-cancelled.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(ringing, "u1"), target(answering, "u1")));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        Sipp.Result answered = answering.await();
        Sipp.Result cancelled = ringing.await();
        assertTrue(answered.passed(), answered.output());
        assertTrue(cancelled.passed(), "the branch that only rang gets a CANCEL\n" + cancelled.output());
    }

    @Test
    void sequentialForkingMovesPastBusy() throws Exception {
        Sipp.Server busy = Sipp.startServer("busy-uas.xml", "u1");
        Sipp.Server answering = Sipp.startServer("answer-uas.xml", "u1");
        this.deploy(new CountingProxy(this.events, false, target(busy, "u1"), target(answering, "u1")));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(busy.await().passed());
        assertTrue(answering.await().passed());
        List<String> seen = this.drain();
        assertTrue(seen.contains("branch 486 INVITE"), "a 486 of one branch of several is a branch response: " + seen);
        assertTrue(seen.indexOf("branch 486 INVITE") < seen.indexOf("200 INVITE"), seen.toString());
    }

    @Test
    void everyBranchBusyGivesTheBestResponse() throws Exception {
        Sipp.Server busy = Sipp.startServer("busy-uas.xml", "u1");
        this.deploy(new CountingProxy(this.events, true, target(busy, "u1")));
        Sipp.Result caller = Sipp.run("busy-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(busy.await().passed());
        assertTrue(this.drain().contains("486 INVITE"), "a lone branch's final response is the best response, not a branch response");
    }

    @Test
    void redirectIsFollowed() throws Exception {
        Sipp.Server answering = Sipp.startServer("answer-uas.xml", "u1");
        Sipp.Server redirecting = Sipp.startServer("redirect-uas.xml", "u1", "-key", "target", "127.0.0.1:" + answering.port());
        this.deploy(new CountingProxy(this.events, true, target(redirecting, "u1")));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(redirecting.await().passed());
        assertTrue(answering.await().passed(), "the 302's Contact became a new branch (recurse is on by default)");
        List<String> seen = this.drain();
        assertTrue(seen.contains("branch 302 INVITE") && seen.contains("200 INVITE"), seen.toString());
    }

    @Test
    void registerGetsThePathOfTheProxy() throws Exception {
        Sipp.Server registrar = Sipp.startServer("registrar-uas.xml", "u1");
        CountingProxy proxy = new CountingProxy(this.events, true, target(registrar, "u1"));
        proxy.addToPath = true;
        this.deploy(proxy);
        Sipp.Result registering = Sipp.run("register-uac.xml", "u1", this.port);
        assertTrue(registering.passed(), this.events + "\n" + registering.output());
        assertTrue(registrar.await().passed(), "the registrar saw the proxy's Path");
    }

    @Test
    void maxForwardsZeroIsAnsweredTooManyHops() throws Exception {
        this.deploy(new CountingProxy(this.events, true, "sip:nobody@127.0.0.1:9"));
        Sipp.Result caller = Sipp.run("options-no-hops-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
    }

    private void deploy(CountingProxy proxy) throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("proxy", Map.of("proxy", proxy)).mainServlet("proxy").sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("proxy")).build());
    }

    private static String target(Sipp.Server uas, String transport) {
        return "sip:callee@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "");
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(1, TimeUnit.SECONDS); event != null; event = this.events.poll(200, TimeUnit.MILLISECONDS)) {
            seen.add(event);
        }
        return seen;
    }

    /**
     * Proxies initial requests to its targets with record-routing and supervision; counts each call's requests in its
     * SIP session, tells the callee the count (X-Seen) and the caller too, in each 2xx (X-Counter).
     */
    static final class CountingProxy extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final boolean parallel;
        private final List<String> targets;
        boolean addToPath;

        CountingProxy(BlockingQueue<String> events, boolean parallel, String... targets) {
            this.events = events;
            this.parallel = parallel;
            this.targets = List.of(targets);
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            this.events.add(request.getMethod() + (request.isInitial() ? " initial" : ""));
            if (request.getMethod().equals("CANCEL")) {
                return;
            }
            int count = count(request.getSession());
            request.setHeader("X-Seen", Integer.toString(count));
            if (request.isInitial()) {
                Proxy proxy = request.getProxy();
                proxy.setRecordRoute(true);
                proxy.setSupervised(true);
                proxy.setParallel(this.parallel);
                proxy.setAddToPath(this.addToPath);
                SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
                List<URI> uris = new ArrayList<>();
                for (String target : this.targets) {
                    uris.add(factory.createURI(target));
                }
                proxy.proxyTo(uris);
            }
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            this.events.add((response.isBranchResponse() ? "branch " : "") + response.getStatus() + " " + response.getMethod());
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                response.setHeader("X-Counter", response.getSession().getAttribute("requests").toString());
            }
        }

        private static int count(SipSession session) {
            Integer count = (Integer) session.getAttribute("requests");
            int next = (count != null) ? count + 1 : 1;
            session.setAttribute("requests", next);
            return next;
        }
    }
}
