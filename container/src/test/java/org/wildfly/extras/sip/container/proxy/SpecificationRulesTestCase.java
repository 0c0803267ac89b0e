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

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.UAMode;
import javax.servlet.sip.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * What JSR 289 lets a proxy or B2BUA application do, and what it refuses with the exception the specification names:
 * each check runs inside a servlet on a real call and reports "ok ..." or what went wrong.
 */
class SpecificationRulesTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void proxyBranchesAndTheRulesOfProxying() throws Exception {
        Sipp.Server callee = Sipp.startServer("checked-answer-uas.xml", "u1");
        this.deploy(new Rules(this.events, "proxy-rules", List.of(target(callee))), SipApplicationDefinition.DEFAULT_PROXY_TIMEOUT_SECONDS);
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(answered.passed(), seen + "\n" + answered.output());
        assertEquals(List.of("ok getB2buaHelper refused once proxying", "ok no Record-Route URI before setRecordRoute(true)", "ok branch created, not started",
                "ok getProxyBranch finds it", "ok branch started", "ok no final response from the application once proxying",
                "ok record-routing fixed once started", "ok a request of a record-routed dialog is not proxied by the application"), seen.stream().filter(event -> event.startsWith("ok") || event.startsWith("FAIL")).toList());
    }

    @Test
    void applicationCancelsItsProxy() throws Exception {
        Sipp.Server callee = Sipp.startServer("uas-cancelled.xml", "u1");
        this.deploy(new Rules(this.events, "cancel-on-ringing", List.of(target(callee))), SipApplicationDefinition.DEFAULT_PROXY_TIMEOUT_SECONDS);
        Sipp.Result caller = Sipp.run("cancelled-by-proxy-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), this.events + "\n" + caller.output());
        assertTrue(callee.await().passed(), "the branch gets the CANCEL");
    }

    @Test
    void proxyTimeoutOfSipXmlMovesASequentialSearchOn() throws Exception {
        Sipp.Server ringing = Sipp.startServer("uas-cancelled.xml", "u1");
        Sipp.Server answering = Sipp.startServer("answer-uas.xml", "u1");
        this.deploy(new Rules(this.events, "sequential", List.of(target(ringing), target(answering))), 1);
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(ringing.await().passed(), "the branch that rang past the proxy timeout is cancelled");
        assertTrue(answering.await().passed());
        assertTrue(seen.contains("branch 408"), "a branch that timed out counts as 408: " + seen);
        assertTrue(seen.contains("ok a request of a record-routed dialog is not proxied by the application"), seen.toString());
    }

    @Test
    void aProxyApplicationMayStillAnswerBeforeProxying() throws Exception {
        this.deploy(new Rules(this.events, "answer-instead", List.of("sip:nobody@127.0.0.1:9")), SipApplicationDefinition.DEFAULT_PROXY_TIMEOUT_SECONDS);
        Sipp.Result caller = Sipp.run("busy-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertEquals(List.of("ok answered as a UAS after getProxy", "ok no proxyTo once answered"),
                seen.stream().filter(event -> event.startsWith("ok") || event.startsWith("FAIL")).toList());
    }

    @Test
    void b2buaHeaderMapAndLinkRules() throws Exception {
        this.deploy(new Rules(this.events, "b2bua-rules", List.of("sip:nobody@127.0.0.1:9")), SipApplicationDefinition.DEFAULT_PROXY_TIMEOUT_SECONDS);
        Sipp.Result caller = Sipp.run("busy-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertEquals(List.of("ok a system header in the header map is refused", "ok From of the header map, new Call-ID", "ok not linked when not asked",
                "ok linked", "ok unlinked", "ok unlinking twice is refused", "ok From/To of a subsequent request are refused", "ok the request is pending as UAS",
                "ok getProxy refused for a B2BUA", "ok a response to the leg's original request"), seen.stream().filter(event -> event.startsWith("ok") || event.startsWith("FAIL")).toList());
    }

    private void deploy(Rules rules, int proxyTimeoutSeconds) throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("rules", Map.of("rules", rules)).mainServlet("rules").sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("rules")).servletSelector(request -> "rules").proxyTimeoutSeconds(proxyTimeoutSeconds)
                .build());
    }

    private static String target(Sipp.Server uas) {
        return "sip:callee@127.0.0.1:" + uas.port();
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(1, TimeUnit.SECONDS); event != null; event = this.events.poll(200, TimeUnit.MILLISECONDS)) {
            seen.add(event);
        }
        return seen;
    }

    /** Runs the checks of one mode on the initial INVITE. */
    static final class Rules extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final String mode;
        private final List<String> targets;

        Rules(BlockingQueue<String> events, String mode, List<String> targets) {
            this.events = events;
            this.mode = mode;
            this.targets = targets;
        }

        @Override
        protected void doBye(SipServletRequest request) throws ServletException, IOException {
            URI elsewhere = ((SipFactory) this.getServletContext().getAttribute(SIP_FACTORY)).createURI("sip:elsewhere@127.0.0.1:9");
            this.expect("a request of a record-routed dialog is not proxied by the application", IllegalStateException.class, () -> request.getProxy().proxyTo(elsewhere));
        }

        @Override
        protected void doInvite(SipServletRequest request) throws ServletException, IOException {
            if (!request.isInitial()) {
                return;
            }
            SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
            List<URI> uris = new ArrayList<>();
            for (String target : this.targets) {
                uris.add(factory.createURI(target));
            }
            switch (this.mode) {
                case "proxy-rules" -> this.proxyRules(request, uris);
                case "b2bua-rules" -> this.b2buaRules(request);
                case "answer-instead" -> {
                    Proxy proxy = request.getProxy();
                    request.createResponse(486).send();
                    this.check("answered as a UAS after getProxy", request.isCommitted());
                    this.expect("no proxyTo once answered", IllegalStateException.class, () -> proxy.proxyTo(uris));
                }
                case "sequential" -> {
                    Proxy proxy = request.getProxy();
                    proxy.setParallel(false);
                    proxy.setRecordRoute(true); // sipp sends the caller's ACK and BYE to the proxy, whatever their request-URI
                    proxy.proxyTo(uris);
                }
                default -> request.getProxy().proxyTo(uris);
            }
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            this.events.add((response.isBranchResponse() ? "branch " : "") + response.getStatus());
            if (this.mode.equals("cancel-on-ringing") && response.getStatus() == 180) {
                response.getProxy().cancel();
            }
        }

        private void proxyRules(SipServletRequest request, List<URI> uris) throws ServletException {
            Proxy proxy = request.getProxy();
            this.expect("getB2buaHelper refused once proxying", IllegalStateException.class, request::getB2buaHelper);
            this.expect("no Record-Route URI before setRecordRoute(true)", IllegalStateException.class, proxy::getRecordRouteURI);
            proxy.setRecordRoute(true);
            proxy.getRecordRouteURI().setParameter("app", "x");
            List<ProxyBranch> branches = proxy.createProxyBranches(uris);
            this.check("branch created, not started", branches.size() == 1 && !branches.get(0).isStarted());
            branches.get(0).getRequest().setHeader("X-Branch", "first");
            this.check("getProxyBranch finds it", proxy.getProxyBranch(uris.get(0)) == branches.get(0));
            proxy.startProxy();
            this.check("branch started", branches.get(0).isStarted() && proxy.getProxyBranches().size() == 1);
            this.expect("no final response from the application once proxying", IllegalStateException.class, () -> request.createResponse(486));
            this.expect("record-routing fixed once started", IllegalStateException.class, () -> proxy.setRecordRoute(false));
        }

        private void b2buaRules(SipServletRequest request) throws ServletException, IOException {
            B2buaHelper helper = request.getB2buaHelper();
            this.expect("a system header in the header map is refused", IllegalArgumentException.class,
                    () -> helper.createRequest(request, true, Map.of("Call-ID", List.of("forged@example.com"))));
            SipServletRequest unlinked = helper.createRequest(request, false, Map.of("From", List.of("<sip:alice@example.com>")));
            this.check("From of the header map, new Call-ID", unlinked.getFrom().getURI().toString().equals("sip:alice@example.com")
                    && unlinked.getFrom().getParameter("tag") != null && !unlinked.getCallId().equals(request.getCallId()));
            this.check("not linked when not asked", helper.getLinkedSession(request.getSession()) == null && helper.getLinkedSipServletRequest(request) == null);
            helper.linkSipSessions(request.getSession(), unlinked.getSession());
            this.check("linked", unlinked.getSession().equals(helper.getLinkedSession(request.getSession())));
            helper.unlinkSipSessions(request.getSession());
            this.check("unlinked", helper.getLinkedSession(unlinked.getSession()) == null);
            this.expect("unlinking twice is refused", IllegalArgumentException.class, () -> helper.unlinkSipSessions(request.getSession()));
            this.expect("From/To of a subsequent request are refused", IllegalArgumentException.class,
                    () -> helper.createRequest(unlinked.getSession(), request, Map.of("To", List.of("<sip:bob@example.com>"))));
            this.check("the request is pending as UAS", helper.getPendingMessages(request.getSession(), UAMode.UAS).contains(request));
            this.expect("getProxy refused for a B2BUA", IllegalStateException.class, request::getProxy);
            unlinked.getSession().invalidate();
            javax.servlet.sip.SipServletResponse busy = helper.createResponseToOriginalRequest(request.getSession(), 486, "Busy Here");
            this.check("a response to the leg's original request", busy.getRequest() == request && busy.getStatus() == 486);
            busy.send();
        }

        private void check(String what, boolean passed) {
            this.events.add((passed ? "ok " : "FAIL ") + what);
        }

        private void expect(String what, Class<? extends Exception> expected, Call call) {
            try {
                call.run();
                this.events.add("FAIL " + what + ": nothing thrown");
            } catch (Exception e) {
                this.events.add((expected.isInstance(e) ? "ok " : "FAIL " + e + " ") + what);
            }
        }

        interface Call {
            void run() throws Exception;
        }
    }
}
