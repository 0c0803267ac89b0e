package org.wildfly.extras.sip.container.session;

import java.util.concurrent.BlockingQueue;

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
