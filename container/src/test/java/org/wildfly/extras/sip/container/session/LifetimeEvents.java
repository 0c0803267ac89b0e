package org.wildfly.extras.sip.container.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;

/**
 * A test application's listener that reports the ends of its sessions into a queue: "SIP session ready to invalidate",
 * "SIP session destroyed", "application session destroyed".
 */
public final class LifetimeEvents implements SipSessionListener, SipApplicationSessionListener {

    public static final String SIP_SESSION_READY = "SIP session ready to invalidate";
    public static final String SIP_SESSION_DESTROYED = "SIP session destroyed";
    public static final String APPLICATION_SESSION_DESTROYED = "application session destroyed";

    private final BlockingQueue<String> events;

    public LifetimeEvents(BlockingQueue<String> events) {
        this.events = events;
    }

    /**
     * @param events what a test application reported
     * @param last the event to stop after
     * @return the events up to and with the first that {@code last} accepts, or up to a pause: 10 s for the first,
     *         2 s between two
     */
    public static List<String> drainUntil(BlockingQueue<String> events, Predicate<String> last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = events.poll(10, TimeUnit.SECONDS); event != null; event = events.poll(2, TimeUnit.SECONDS)) {
            seen.add(event);
            if (last.test(event)) {
                break;
            }
        }
        return seen;
    }

    @Override
    public void sessionCreated(SipSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipSessionEvent event) {
        this.events.add(SIP_SESSION_DESTROYED);
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent event) {
        this.events.add(SIP_SESSION_READY);
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent event) {
        this.events.add(APPLICATION_SESSION_DESTROYED);
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
    }
}
