package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;

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

/**
 * Servlet timers: one that sends a request when it fires, a repeating one, and a cancelled one.
 */
class TimerTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<TimerListener> timerListeners = new ArrayList<>();
    private SipContainer container;
    private ServletContext context;

    @BeforeEach
    void start() throws IOException, ServletException {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.context = TestServletContext.create("app");
        TimerListener dispatcher = timer -> this.timerListeners.forEach(listener -> listener.timeout(timer));
        this.container.deploy(SipApplicationDefinition.builder("timers", Map.of("main", new Responses(this.events))).mainServlet("main")
                .listeners(List.of(dispatcher)).sessionTimeoutMinutes(3).servletContext(this.context).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void timerSendsARequestWhenItFires() throws Exception {
        Sipp.Server uas = Sipp.startServer("options-uas.xml", "u1");
        SipFactory factory = (SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY);
        TimerService timers = (TimerService) this.context.getAttribute(SipServlet.TIMER_SERVICE);
        this.timerListeners.add(timer -> {
            try {
                factory.createRequest(timer.getApplicationSession(), "OPTIONS", "sip:timer@example.com", (String) timer.getInfo()).send();
                this.events.add("fired " + timer.getApplicationSession().getTimers().size());
            } catch (IOException | ServletException e) {
                this.events.add("failed " + e);
            }
        });
        SipApplicationSession session = factory.createApplicationSession();
        ServletTimer timer = timers.createTimer(session, 300, false, "<sip:service@127.0.0.1:" + uas.port() + ">");
        assertTrue(timer.getTimeRemaining() > 0 && timer.getTimeRemaining() <= 300);
        assertEquals(List.of(timer), new ArrayList<>(session.getTimers()));
        assertFalse(session.isReadyToInvalidate(), "a running timer keeps the session");
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("fired 0", this.events.poll(5, TimeUnit.SECONDS), "a one-shot timer is gone while it runs");
        assertEquals("200 OPTIONS", this.events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void repeatingTimerFiresUntilCancelled() throws Exception {
        SipFactory factory = (SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY);
        TimerService timers = (TimerService) this.context.getAttribute(SipServlet.TIMER_SERVICE);
        this.timerListeners.add(timer -> {
            int count = (Integer) timer.getApplicationSession().getAttribute("count") + 1;
            timer.getApplicationSession().setAttribute("count", count);
            this.events.add("tick " + count);
            if (count == 3) {
                timer.cancel();
            }
        });
        SipApplicationSession session = factory.createApplicationSession();
        session.setAttribute("count", 0);
        timers.createTimer(session, 50, 50, true, false, "repeat");
        assertEquals("tick 1", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("tick 2", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("tick 3", this.events.poll(5, TimeUnit.SECONDS));
        assertNull(this.events.poll(300, TimeUnit.MILLISECONDS), "cancelled");
        assertFalse(session.isValid(), "with its last timer gone and nothing else, the session was ready and invalidated");
    }

    @Test
    void cancelledTimerNeverFires() throws Exception {
        SipFactory factory = (SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY);
        TimerService timers = (TimerService) this.context.getAttribute(SipServlet.TIMER_SERVICE);
        this.timerListeners.add(timer -> this.events.add("fired"));
        SipApplicationSession session = factory.createApplicationSession();
        timers.createTimer(session, 100, false, null).cancel();
        assertNull(this.events.poll(400, TimeUnit.MILLISECONDS));
        assertTrue(session.getTimers().isEmpty());
    }

    /** Records the responses to what the timers sent. */
    static final class Responses extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Responses(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            this.events.add(response.getStatus() + " " + response.getMethod());
        }
    }
}
