package org.wildfly.extras.sip.container.uac;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.session.LifetimeEvents;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A subscriber application (RFC 6665): the notifier's NOTIFYs reach the SIP session of the SUBSCRIBE, also the one that
 * overtakes the 200 (it sets up the dialog), and the session ends once the NOTIFY that terminates the subscription is
 * answered.
 */
class SubscriberTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @CsvSource({ "notify-after-answer-uas.xml, u1, '200 SUBSCRIBE,NOTIFY active same session'",
            "notify-after-answer-uas.xml, t1, '200 SUBSCRIBE,NOTIFY active same session'",
            "notify-before-answer-uas.xml, u1, 'NOTIFY active same session,200 SUBSCRIBE'",
            "notify-before-answer-uas.xml, t1, 'NOTIFY active same session,200 SUBSCRIBE'" })
    void notificationsReachTheSubscription(String scenario, String transport, String beginning) throws Exception {
        Sipp.Server notifier = Sipp.startServer(scenario, transport);
        int port = FreePorts.udpAndTcp();
        String target = "<sip:notifier@127.0.0.1:" + notifier.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        SipServletListener starter = event -> this.subscribe(event, target);
        this.container.deploy(SipApplicationDefinition.builder("watcher", Map.of("main", new Subscriber(this.events))).mainServlet("main")
                .listeners(List.of(starter, new LifetimeEvents(this.events))).servletContext(TestServletContext.create("watcher")).build());

        Sipp.Result result = notifier.await();

        List<String> seen = LifetimeEvents.drainUntil(this.events, LifetimeEvents.APPLICATION_SESSION_DESTROYED::equals);
        assertTrue(result.passed(), seen + "\n" + result.output());
        List<String> expected = new ArrayList<>(List.of(beginning.split(",")));
        expected.addAll(List.of("NOTIFY terminated same session", "SIP session ready to invalidate", "SIP session destroyed", "application session destroyed"));
        assertEquals(expected, seen);
    }

    private void subscribe(SipServletContextEvent event, String target) {
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest subscribe = factory.createRequest(session, "SUBSCRIBE", "sip:watcher@example.com", target);
            subscribe.setHeader("Event", "presence");
            subscribe.setExpires(60);
            session.setAttribute("subscription", subscribe.getSession().getId());
            subscribe.send();
        } catch (IOException | ServletException | RuntimeException e) {
            this.events.add("failed " + e);
        }
    }

    /** Answers each NOTIFY and reports whether it reached the session of the SUBSCRIBE. */
    static final class Subscriber extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Subscriber(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doNotify(SipServletRequest request) throws IOException {
            boolean same = request.getSession().getId().equals(request.getApplicationSession().getAttribute("subscription"));
            this.events.add("NOTIFY " + request.getHeader("Subscription-State").split(";")[0] + (same ? " same session" : " another session"));
            request.createResponse(200).send();
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            this.events.add(response.getStatus() + " " + response.getMethod());
        }
    }
}
