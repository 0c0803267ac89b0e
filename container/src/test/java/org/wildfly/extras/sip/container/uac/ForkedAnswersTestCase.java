package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SipTexts;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * An INVITE a UAC application sent forks downstream and two callees answer (RFC 3261 §13.2.2.4): the second 2xx, of
 * another dialog, reaches the application in a derived SIP session (JSR 289 §6.2.3.2), in which it acknowledges that
 * dialog and hangs it up, while the first dialog stays up in the original session.
 */
class ForkedAnswersTestCase {

    @Test
    void secondDialogGetsADerivedSession() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        int port = FreePorts.udpAndTcp();
        try (UdpProbe forking = new UdpProbe();
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2))) {
            SipServletListener caller = event -> call(event, "sip:callee@127.0.0.1:" + forking.port(), events);
            container.deploy(SipApplicationDefinition.builder("forked", Map.of("main", new Acknowledging(events))).mainServlet("main").listeners(List.of(caller))
                    .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("forked")).build());
            String invite = receive(forking, "INVITE ");
            // two callees behind a forking proxy answer: each 2xx with its own To tag
            forking.send(SipTexts.success(invite, "calleeA", forking.port()), port);
            forking.send(SipTexts.success(invite, "calleeB", forking.port()), port);
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String request = receive(forking, "");
                requests.add(request.substring(0, request.indexOf(' ')) + " " + SipTexts.toTag(request));
                if (request.startsWith("BYE ")) {
                    forking.send(SipTexts.answer(request), port);
                }
            }
            assertEquals(List.of("ACK calleeA", "ACK calleeB", "BYE calleeB"), requests, "each dialog acknowledged, the second hung up");
            String first = events.poll(5, TimeUnit.SECONDS);
            String second = events.poll(5, TimeUnit.SECONDS);
            assertTrue(first.startsWith("200 calleeA in ") && second.startsWith("200 calleeB in "), first + " / " + second);
            assertNotEquals(first.substring(first.indexOf(" in ")), second.substring(second.indexOf(" in ")), "the second dialog has a SIP session of its own");
            assertEquals("200 BYE calleeB", events.poll(5, TimeUnit.SECONDS));
        }
    }

    private static void call(SipServletContextEvent event, String target, BlockingQueue<String> events) {
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            factory.createRequest(factory.createApplicationSession(), "INVITE", "sip:caller@example.com", target).send();
        } catch (IOException | ServletException e) {
            events.add("failed " + e);
        }
    }

    private static String receive(UdpProbe probe, String start) throws IOException {
        for (int i = 0; i < 10; i++) {
            String message = probe.receive();
            if (message != null && message.startsWith(start) && !message.startsWith("SIP/2.0")) {
                return message;
            }
        }
        throw new AssertionError("no " + start.trim() + " request came");
    }

    /** Acknowledges each 2xx in the session it came in; hangs up the session of the second. */
    static final class Acknowledging extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private volatile String firstSession;

        Acknowledging(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            String tag = response.getTo().getParameter("tag");
            if (response.getMethod().equals("BYE")) {
                this.events.add("200 BYE " + tag);
                return;
            }
            this.events.add("200 " + tag + " in " + response.getSession().getId());
            response.createAck().send();
            if (this.firstSession == null) {
                this.firstSession = response.getSession().getId();
            } else if (!this.firstSession.equals(response.getSession().getId())) {
                response.getSession().createRequest("BYE").send();
            }
        }
    }
}
