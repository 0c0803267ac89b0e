package org.wildfly.extras.sip.test.app.failing;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;

/**
 * A SIP servlet whose init fails, as one missing its configuration would.
 */
public class FailingServlet extends SipServlet {

    @Override
    public void init() throws ServletException {
        throw new ServletException("FailingServlet refuses to start: no configuration");
    }
}
