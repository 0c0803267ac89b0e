package org.wildfly.extras.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

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
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * Application composition (JSR 289 §15.4.1): the default application router chains two applications on one initial
 * request. The first sends the request on (proxy, or a copy through {@code SipFactory}), the router is asked again with
 * CONTINUE and its state, and the request reaches the second application, then the callee; or the router's external
 * route takes it out. Driven by sipp on both ends.
 */
class ApplicationCompositionTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    /** Two record-routing proxies in a row: the callee sees the mark of each, the BYE passes both. */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void twoProxiesOnOneCall(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("composed-uas.xml", transport);
        String target = "sip:callee@127.0.0.1:" + callee.port() + (transport.equals("t1") ? ";transport=tcp" : "");
        this.start("INVITE: (\"originating\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), (\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")",
                new Composed("originating", Mode.PROXY, target, this.events), new Composed("terminating", Mode.PROXY, target, this.events));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", transport, this.port);
        Sipp.Result answered = callee.await();
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(answered.passed(), "the callee got the INVITE through both applications:\n" + seen + "\n" + answered.output());
        assertTrue(seen.contains("originating INVITE NEW ORIGINATING sip:sipp@127.0.0.1 popped=false"), seen.toString());
        assertTrue(seen.contains("terminating INVITE CONTINUE TERMINATING sip:service@127.0.0.1 popped=true"), seen.toString());
        assertTrue(seen.contains("originating BYE") && seen.contains("terminating BYE"), "both record-routed: " + seen);
        assertTrue(seen.indexOf("originating INVITE NEW ORIGINATING sip:sipp@127.0.0.1 popped=false") < seen.indexOf("terminating INVITE CONTINUE TERMINATING sip:service@127.0.0.1 popped=true"));
    }

    /** The second application answers the call itself: the caller gets its 200 through the first, and hangs up through it. */
    @Test
    void secondApplicationAnswers() throws Exception {
        this.start("INVITE: (\"originating\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), (\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")",
                new Composed("originating", Mode.PROXY, "sip:nobody@192.0.2.1", this.events), new Composed("terminating", Mode.ANSWER, null, this.events));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(seen.contains("terminating INVITE CONTINUE TERMINATING sip:service@127.0.0.1 popped=true"), seen.toString());
        assertTrue(seen.contains("originating BYE") && seen.contains("terminating BYE"), seen.toString());
    }

    /** The router gives the second step an external route: the request leaves by it, and no second application sees it. */
    @Test
    void externalRouteOfTheRouterTakesTheRequestOut() throws Exception {
        Sipp.Server callee = Sipp.startServer("answer-uas.xml", "u1");
        this.start("INVITE: (\"originating\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), (\"terminating\", \"DAR:To\", \"TERMINATING\", \"sip:127.0.0.1:"
                + callee.port() + ";lr\", \"ROUTE\", \"1\")",
                new Composed("originating", Mode.PROXY, "sip:callee@192.0.2.1", this.events), new Composed("terminating", Mode.ANSWER, null, this.events));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(answered.passed(), "the router's route, not the request-URI (an unreachable host), led to the callee:\n" + answered.output());
        assertFalse(seen.stream().anyMatch(event -> event.startsWith("terminating")), seen.toString());
    }

    /**
     * The router sends a call received from outside out by an external route before any application (JSR 289
     * §15.4.1): the container relays it, the call goes through, and a CANCEL follows the INVITE.
     */
    @ParameterizedTest
    @ValueSource(strings = { "answer", "cancel" })
    void receivedCallLeavesByTheRoutersRoute(String outcome) throws Exception {
        boolean cancel = outcome.equals("cancel");
        Sipp.Server callee = Sipp.startServer(cancel ? "uas-cancelled.xml" : "answer-uas.xml", "u1");
        this.start("INVITE: (\"screening\", \"DAR:To\", \"NEUTRAL\", \"sip:127.0.0.1:" + callee.port() + ";lr\", \"ROUTE\", \"0\"), "
                + "(\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")",
                new Composed("terminating", Mode.ANSWER, null, this.events));
        Sipp.Result caller = Sipp.run(cancel ? "cancel-uac.xml" : "short-call-uac.xml", "u1", this.port);
        Sipp.Result answered = callee.await();
        List<String> seen = this.drain();
        assertTrue(answered.passed(), "the callee, reached by the router's route:\n" + answered.output());
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(seen.isEmpty(), "no application took it: " + seen);
    }

    /**
     * ROUTE_BACK: the request leaves by the router's route with a Route back to the container below it; a hop there (a
     * probe acting as a proxy) sends it on, and the container asks the router again, which names the next application.
     */
    @Test
    void routeBackBringsTheRequestBackToTheNextApplication() throws Exception {
        try (UdpProbe hop = new UdpProbe()) {
            this.start("INVITE: (\"originating\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), (\"screening\", \"DAR:To\", \"NEUTRAL\", \"sip:127.0.0.1:"
                    + hop.port() + ";lr\", \"ROUTE_BACK\", \"1\"), (\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"2\")",
                    new Composed("originating", Mode.PROXY, "sip:service@192.0.2.1", this.events), new Composed("terminating", Mode.ANSWER, null, this.events));
            Sipp.Server caller = Sipp.startClient("short-call-uac.xml", "u1", this.port);
            String invite = hop.receive();
            assertTrue(invite != null && invite.startsWith("INVITE "), "the router's route took the INVITE to the hop: " + invite);
            List<String> lines = new ArrayList<>(List.of(invite.split("\r\n", -1)));
            String routeLine = lines.stream().filter(line -> line.startsWith("Route:")).findFirst().orElseThrow();
            List<String> routes = List.of(routeLine.substring("Route:".length()).trim().split(",\\s*(?=<)"));
            assertTrue(routes.size() == 2 && routes.get(0).contains(":" + hop.port() + ";") && routes.get(1).contains(":" + this.port + ";") && routes.get(1).contains(";lr"),
                    "the hop's route on top of the one back: " + routes);
            // the hop, a proxy: pops its Route, adds its Via, sends the request on (back to the container)
            lines.set(lines.indexOf(routeLine), "Route: " + routes.get(1));
            lines.add(lines.indexOf(lines.stream().filter(line -> line.startsWith("Via:")).findFirst().orElseThrow()),
                    "Via: SIP/2.0/UDP 127.0.0.1:" + hop.port() + ";branch=z9hG4bKhop" + hop.port());
            hop.send(String.join("\r\n", lines), this.port);
            // and relays the answers back, its Via taken off
            for (String message = hop.receive(); message != null; message = hop.receive()) {
                if (message.startsWith("SIP/2.0 ")) {
                    hop.send(withoutTopVia(message), this.port);
                    if (message.startsWith("SIP/2.0 200 ")) {
                        break;
                    }
                }
            }
            Sipp.Result result = caller.await();
            List<String> seen = this.drain();
            assertTrue(result.passed(), seen + "\n" + result.output());
            assertTrue(seen.contains("terminating INVITE CONTINUE TERMINATING sip:service@127.0.0.1 popped=true"), seen.toString());
        }
    }

    /**
     * A request copied by {@code SipFactory.createRequest(request, sameCallId)} continues the composition as a B2BUA's
     * leg does: the second application gets it with CONTINUE and the same Call-ID, and its answer comes back.
     */
    @Test
    void copiedRequestGoesToTheNextApplication() throws Exception {
        this.start("MESSAGE: (\"originating\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), (\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")",
                new Composed("originating", Mode.COPY, null, this.events), new Composed("terminating", Mode.ANSWER, null, this.events));
        Sipp.Result sender = Sipp.run("message-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(sender.passed(), seen + "\n" + sender.output());
        assertTrue(seen.contains("originating MESSAGE NEW"), seen.toString());
        assertTrue(seen.contains("terminating MESSAGE CONTINUE same-call=true"), seen.toString());
        assertTrue(seen.contains("originating 200 MESSAGE"), seen.toString());
    }

    /**
     * A new INVITE an application makes from an application session leaves as addressed, though the router has an
     * INVITE chain (meant for calls from outside); with setRoutingDirective(NEW, null) the router is asked, and its
     * chain's application answers.
     */
    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void newRequestAsksTheRouterWhenItsDirectiveIsSet(boolean directiveSet) throws Exception {
        Sipp.Server callee = Sipp.startServer("answer-uas.xml", "u1");
        Properties properties = new Properties();
        properties.load(new StringReader("INVITE: (\"terminating\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")"));
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        router.init(properties);
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2, router));
        this.container.deploy(SipApplicationDefinition.builder("terminating", Map.of("main", new Composed("terminating", Mode.ANSWER, null, this.events))).mainServlet("main")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("terminating")).build());
        Caller caller = new Caller(this.events);
        javax.servlet.sip.SipServletListener start = event -> {
            try {
                SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
                SipServletRequest invite = factory.createRequest(factory.createApplicationSession(), "INVITE", "sip:caller@example.com", "sip:service@127.0.0.1:" + callee.port());
                if (directiveSet) {
                    invite.setRoutingDirective(javax.servlet.sip.ar.SipApplicationRoutingDirective.NEW, null);
                }
                invite.send();
            } catch (IOException | ServletException e) {
                this.events.add("failed " + e);
            }
        };
        this.container.deploy(SipApplicationDefinition.builder("caller", Map.of("main", caller)).mainServlet("main").listeners(List.of(start))
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("caller")).build());
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(5, TimeUnit.SECONDS); event != null && !event.startsWith("caller 200 BYE"); event = this.events.poll(5, TimeUnit.SECONDS)) {
            seen.add(event);
        }
        if (directiveSet) {
            assertTrue(seen.contains("terminating INVITE NEW TERMINATING sip:service@127.0.0.1 popped=true"), "the router's chain answered: " + seen);
            callee.process().destroy();
        } else {
            assertTrue(callee.await().passed(), "the INVITE went to its callee: " + seen);
            assertFalse(seen.stream().anyMatch(event -> event.startsWith("terminating")), seen.toString());
        }
        assertTrue(seen.contains("caller 200 INVITE"), seen.toString());
    }

    /** Acknowledges the 200 of its INVITE and hangs up. */
    static final class Caller extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Caller(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add("caller " + response.getStatus() + " " + response.getMethod());
            if (response.getMethod().equals("INVITE")) {
                response.createAck().send();
                response.getSession().createRequest("BYE").send();
            }
        }
    }

    /** Without a chain for the method, the router's default serves a request from outside only: a proxy's request leaves. */
    @Test
    void withoutChainsTheProxiedRequestLeaves() throws Exception {
        Sipp.Server callee = Sipp.startServer("answer-uas.xml", "u1");
        this.start("", new Composed("originating", Mode.PROXY, "sip:callee@127.0.0.1:" + callee.port(), this.events));
        Sipp.Result caller = Sipp.run("short-call-uac.xml", "u1", this.port);
        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertTrue(callee.await().passed());
        assertEquals(1, seen.stream().filter(event -> event.contains(" INVITE ")).count(), "one application, once: " + seen);
    }

    /** @return a response without its top Via, whether the Vias come one to a line or several in one */
    private static String withoutTopVia(String response) {
        int start = response.indexOf("\r\nVia: ") + 2;
        int end = response.indexOf("\r\n", start);
        int comma = response.indexOf(',', start);
        if (comma >= 0 && comma < end) {
            return response.substring(0, start) + "Via: " + response.substring(comma + 1, end).trim() + response.substring(end);
        }
        return response.substring(0, start) + response.substring(end + 2);
    }

    private void start(String chains, Composed... applications) throws IOException, ServletException {
        Properties properties = new Properties();
        properties.load(new StringReader(chains));
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        router.init(properties);
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2, router));
        for (Composed application : applications) {
            this.container.deploy(SipApplicationDefinition.builder(application.name, Map.of("main", application)).mainServlet("main").sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create(application.name)).build());
        }
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(1, TimeUnit.SECONDS); event != null; event = this.events.poll(300, TimeUnit.MILLISECONDS)) {
            seen.add(event);
        }
        return seen;
    }

    enum Mode {
        /** proxies with record-routing to the target, marking the branch request with X-Apps */
        PROXY,
        /** answers INVITE, BYE and MESSAGE 200 */
        ANSWER,
        /** sends a copy of a MESSAGE in the same Call-ID, and answers the original as the copy was answered */
        COPY
    }

    /** One application of the chain: records what it is told of each request's routing. */
    static final class Composed extends SipServlet {
        private static final long serialVersionUID = 1L;
        final String name;
        private final Mode mode;
        private final String target;
        private final transient BlockingQueue<String> events;
        private final transient Map<String, SipServletRequest> copied = new ConcurrentHashMap<>();

        Composed(String name, Mode mode, String target, BlockingQueue<String> events) {
            this.name = name;
            this.mode = mode;
            this.target = target;
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws ServletException, IOException {
            if (!request.isInitial()) {
                return; // a re-INVITE goes through a proxy by itself
            }
            String subscriber = (request.getSubscriberURI() != null) ? request.getSubscriberURI().toString().replaceAll(":\\d+$", "") : null;
            this.events.add(this.name + " INVITE " + request.getRoutingDirective() + " " + request.getRegion().getType() + " " + subscriber + " popped="
                    + (request.getPoppedRoute() != null));
            if (this.mode == Mode.ANSWER) {
                request.createResponse(200).send();
                return;
            }
            Proxy proxy = request.getProxy();
            proxy.setRecordRoute(true);
            SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
            List<ProxyBranch> branches = proxy.createProxyBranches(List.of(factory.createURI(this.target)));
            branches.get(0).getRequest().addHeader("X-Apps", this.name);
            proxy.startProxy();
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            this.events.add(this.name + " BYE");
            if (this.mode == Mode.ANSWER) {
                request.createResponse(200).send();
            }
        }

        @Override
        protected void doAck(SipServletRequest request) {
            // the call is up
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            if (this.mode == Mode.COPY) {
                this.events.add(this.name + " MESSAGE " + request.getRoutingDirective());
                SipServletRequest copy = ((SipFactory) this.getServletContext().getAttribute(SIP_FACTORY)).createRequest(request, true);
                copy.addHeader("X-Original-Call-ID", request.getCallId());
                this.copied.put(copy.getSession().getId(), request);
                copy.send();
                return;
            }
            this.events.add(this.name + " MESSAGE " + request.getRoutingDirective() + " same-call=" + request.getCallId().equals(request.getHeader("X-Original-Call-ID")));
            request.createResponse(200).send();
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            if (response.getMethod().equals("MESSAGE")) {
                this.events.add(this.name + " " + response.getStatus() + " MESSAGE");
                SipServletRequest original = this.copied.remove(response.getSession().getId());
                if (original != null) {
                    original.createResponse(response.getStatus()).send();
                }
            }
        }
    }
}
