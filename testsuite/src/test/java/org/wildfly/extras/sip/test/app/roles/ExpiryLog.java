package org.wildfly.extras.sip.test.app.roles;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;

/** Says in the server log when an application session expires: the test counts these lines across the cluster. */
public class ExpiryLog implements SipApplicationSessionListener {

    @Override
    public void sessionCreated(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent event) {
        System.out.println("ROLES application session expired on " + RolesServlet.node() + " for " + event.getApplicationSession().getId());
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
    }
}
