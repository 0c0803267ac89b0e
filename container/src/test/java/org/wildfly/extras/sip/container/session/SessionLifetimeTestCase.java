package org.wildfly.extras.sip.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
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
 * The lifetime of SIP sessions over real calls (JSR 289 §6.2.4): each SIP session is invalidated once it is ready, after
 * its listeners heard so, while its application session lives on as the application asked; an application session under
 * a {@code @SipApplicationKey} holds only its calls in progress; a UAC session whose INVITE failed is back in its initial
 * state, and its next INVITE goes out in the same Call-ID with the next CSeq.
 */
class SessionLifetimeTestCase {

    private static final int CALLS = 5;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    private int start(String name, SipServlet servlet, SipServletListener starter) throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        List<Object> listeners = new ArrayList<>(List.of(new LifetimeEvents(this.events)));
        if (starter != null) {
            listeners.add(starter);
        }
        this.container.deploy(SipApplicationDefinition.builder(name, Map.of("main", servlet)).mainServlet("main").applicationKey(request -> "room")
                .listeners(listeners).servletContext(TestServletContext.create(name)).build());
        return port;
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void keyedApplicationSessionHoldsOnlyItsCallsInProgress(String transport) throws Exception {
        int port = this.start("room", new Room(this.events), null);

        Sipp.Result calls = Sipp.run("short-call-uac.xml", transport, port, "-m", Integer.toString(CALLS), "-r", "10", "-timeout", "30s");
        assertTrue(calls.passed(), calls.output());
        Sipp.Result message = Sipp.run("message-uac.xml", transport, port);
        assertTrue(message.passed(), message.output());

        List<String> seen = LifetimeEvents.drainUntil(this.events, event -> event.startsWith("MESSAGE"));
        assertEquals(CALLS, seen.stream().filter("SIP session ready to invalidate"::equals).count(), seen.toString());
        assertEquals(CALLS, seen.stream().filter("SIP session destroyed"::equals).count(), seen.toString());
        assertEquals("MESSAGE after " + CALLS + " calls, sessions held 1", seen.get(seen.size() - 1),
                "the room kept its attributes, and of its SIP sessions only the MESSAGE's own");
        assertEquals(0, seen.stream().filter("application session destroyed"::equals).count(), "the room lives on: " + seen);
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void failedInviteIsTriedAgainFromItsSession(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("busy-then-answer-uas.xml", transport);
        String target = "<sip:callee@127.0.0.1:" + callee.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.start("retry", new Retrying(this.events), event -> this.call(event, target));

        Sipp.Result result = callee.await();

        List<String> seen = LifetimeEvents.drainUntil(this.events, LifetimeEvents.APPLICATION_SESSION_DESTROYED::equals);
        assertTrue(result.passed(), seen + "\n" + result.output());
        assertEquals(List.of("486 INVITE, session INITIAL", "200 INVITE", "200 BYE", "SIP session ready to invalidate", "SIP session destroyed",
                "application session destroyed"), seen);
    }

    private void call(SipServletContextEvent event, String target) {
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            SipApplicationSession session = factory.createApplicationSession();
            factory.createRequest(session, "INVITE", "sip:caller@example.com", target).send();
        } catch (IOException | ServletException | RuntimeException e) {
            this.events.add("failed " + e);
        }
    }

    /** A conference room under one key: answers every call, counts them, and lives on after each. */
    static final class Room extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Room(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            SipApplicationSession room = request.getApplicationSession();
            room.setInvalidateWhenReady(false);
            Integer calls = (Integer) room.getAttribute("calls");
            room.setAttribute("calls", (calls != null) ? calls + 1 : 1);
            request.createResponse(200).send();
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            SipApplicationSessionImpl room = (SipApplicationSessionImpl) request.getApplicationSession();
            this.events.add("MESSAGE after " + room.getAttribute("calls") + " calls, sessions held " + room.data().sipSessions().size());
            request.createResponse(200).send();
        }
    }

    /** Calls; when refused, calls again from the same SIP session; hangs up once answered. */
    static final class Retrying extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Retrying(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doErrorResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod() + ", session " + response.getSession().getState());
            response.getSession().createRequest("INVITE").send();
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod());
            if (response.getMethod().equals("INVITE")) {
                response.createAck().send();
                response.getSession().createRequest("BYE").send();
            }
        }
    }
}
