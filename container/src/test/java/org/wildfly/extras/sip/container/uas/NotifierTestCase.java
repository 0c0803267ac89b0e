package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.session.LifetimeEvents;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A notifier application (RFC 6665, RFC 3515): its 2xx to SUBSCRIBE or REFER sets up a dialog in which its NOTIFYs go
 * (the subscriber's tag in To, its Contact as request-URI) and the subscriber's later SUBSCRIBE comes back to the same
 * SIP session; the session ends when the NOTIFY that terminates the last subscription is answered, and not before.
 */
class NotifierTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    private void start() throws Exception {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("presence", Map.of("notifier", new Notifier(this.events))).mainServlet("notifier")
                .listeners(List.of(new LifetimeEvents(this.events))).servletContext(TestServletContext.create("presence")).build());
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void subscriptionLivesUntilItsTerminatingNotify(String transport) throws Exception {
        this.start();

        Sipp.Result subscriber = Sipp.run("subscribe-uac.xml", transport, this.port);

        List<String> seen = LifetimeEvents.drainUntil(this.events, LifetimeEvents.APPLICATION_SESSION_DESTROYED::equals);
        assertTrue(subscriber.passed(), seen + "\n" + subscriber.output());
        assertEquals(List.of("SUBSCRIBE expires 60", "200 NOTIFY", "SUBSCRIBE expires 0 same session", "200 NOTIFY", "SIP session ready to invalidate",
                "SIP session destroyed", "application session destroyed"), seen,
                "the refresh finds the subscription's session; the session ends once the terminating NOTIFY is answered");
        Matcher notify = Pattern.compile("NOTIFY sip:sipp@127\\.0\\.0\\.1:\\d+;transport=\\S+ SIP/2\\.0.*?\\n\\s*\\n", Pattern.DOTALL).matcher(subscriber.output());
        assertTrue(notify.find(), "the NOTIFY goes to the subscriber's Contact: " + subscriber.output());
        assertTrue(Pattern.compile("(?m)^\\s*To: \"?sipp\"? <sip:sipp@[^>]+>;tag=\\d+SIPpTag001\\s*$").matcher(notify.group()).find(),
                "the NOTIFY carries the subscriber's tag in To: " + notify.group());
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void referReportsItsProgressInItsDialog(String transport) throws Exception {
        this.start();

        Sipp.Result referrer = Sipp.run("refer-uac.xml", transport, this.port);

        List<String> seen = LifetimeEvents.drainUntil(this.events, LifetimeEvents.APPLICATION_SESSION_DESTROYED::equals);
        assertTrue(referrer.passed(), seen + "\n" + referrer.output());
        assertEquals(List.of("REFER to <sip:carol@example.com>", "200 NOTIFY", "200 NOTIFY", "SIP session ready to invalidate", "SIP session destroyed",
                "application session destroyed"), seen);
    }

    /** Accepts every subscription and notifies at once; a REFER's progress goes out as two NOTIFYs, 100 then 200. */
    static final class Notifier extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Notifier(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doSubscribe(SipServletRequest request) throws IOException {
            int expires = request.getExpires();
            boolean same = request.getSession().getAttribute("subscribed") != null;
            this.events.add("SUBSCRIBE expires " + expires + (same ? " same session" : ""));
            request.getSession().setAttribute("subscribed", Boolean.TRUE);
            SipServletResponse ok = request.createResponse(200);
            ok.setExpires(expires);
            ok.send();
            SipServletRequest notify = request.getSession().createRequest("NOTIFY");
            notify.setHeader("Event", "presence");
            notify.setHeader("Subscription-State", (expires > 0) ? "active;expires=" + expires : "terminated;reason=timeout");
            notify.setContent("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@example.com\"/>", "application/pidf+xml");
            notify.send();
        }

        @Override
        protected void doRefer(SipServletRequest request) throws IOException {
            this.events.add("REFER to " + request.getHeader("Refer-To"));
            request.createResponse(202).send();
            this.notify(request, "active;expires=60", "SIP/2.0 100 Trying");
        }

        private void notify(SipServletRequest request, String state, String fragment) throws IOException {
            SipServletRequest notify = request.getSession().createRequest("NOTIFY");
            notify.setHeader("Event", "refer");
            notify.setHeader("Subscription-State", state);
            notify.setContent(fragment + "\r\n", "message/sipfrag;version=2.0");
            notify.send();
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod());
            if (response.getRequest().getHeader("Event").equals("refer") && response.getRequest().getHeader("Subscription-State").startsWith("active")) {
                this.notify(response.getRequest(), "terminated;reason=noresource", "SIP/2.0 200 OK");
            }
        }
    }
}
