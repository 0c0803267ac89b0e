package org.example.sip;

import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.annotation.SipListener;

/**
 * Counts what happens to the application's sessions and reports transaction errors.
 */
@SipListener
public class SampleListener implements SipApplicationSessionListener, SipApplicationSessionAttributeListener,
        SipSessionListener, SipSessionAttributeListener, SipErrorListener, SipServletListener {

    private final AtomicInteger applicationSessions = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger attributes = new AtomicInteger();

    @Override
    public void servletInitialized(SipServletContextEvent ce) {
        ce.getServletContext().log("initialized " + ce.getSipServlet().getServletName());
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent ev) {
        this.applicationSessions.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent ev) {
        this.applicationSessions.decrementAndGet();
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent ev) {
        if (!ev.getApplicationSession().isReadyToInvalidate()) {
            ev.getApplicationSession().setExpires(1);
        }
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) {
        ev.getApplicationSession().invalidate();
    }

    @Override
    public void attributeAdded(SipApplicationSessionBindingEvent ev) {
        this.attributes.incrementAndGet();
    }

    @Override
    public void attributeRemoved(SipApplicationSessionBindingEvent ev) {
        this.attributes.decrementAndGet();
    }

    @Override
    public void attributeReplaced(SipApplicationSessionBindingEvent ev) {
        ev.getApplicationSession().getAttribute(ev.getName());
    }

    @Override
    public void sessionCreated(SipSessionEvent se) {
        this.sessions.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(SipSessionEvent se) {
        this.sessions.decrementAndGet();
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent se) {
        se.getSession().invalidate();
    }

    @Override
    public void attributeAdded(SipSessionBindingEvent ev) {
        this.attributes.incrementAndGet();
    }

    @Override
    public void attributeRemoved(SipSessionBindingEvent ev) {
        this.attributes.decrementAndGet();
    }

    @Override
    public void attributeReplaced(SipSessionBindingEvent ev) {
        ev.getSession().getAttribute(ev.getName());
    }

    @Override
    public void noAckReceived(SipErrorEvent ee) {
        ee.getRequest().getSession().invalidate();
    }

    @Override
    public void noPrackReceived(SipErrorEvent ee) {
        ee.getResponse().getSession().setInvalidateWhenReady(true);
    }
}
