package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.annotation.SipListener;

/** An annotated listener. */
@SipListener(description = "Counts sessions")
public class SessionListener implements SipApplicationSessionListener {

    @Override
    public void sessionCreated(SipApplicationSessionEvent ev) {
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent ev) {
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent ev) {
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) {
    }
}
