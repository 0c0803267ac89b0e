package org.wildfly.extras.sip.test.app.converged;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;

/**
 * The SIP half of a converged application; it shows the HTTP half the servlet context it was given.
 */
public class MessageServlet extends SipServlet {

    static final String SIP_SERVLET_CONTEXT = "test.sip-servlet-context";
    static final String SET_BY_SIP = "test.set-by-sip-servlet";

    @Override
    public void init() throws ServletException {
        this.getServletContext().setAttribute(SIP_SERVLET_CONTEXT, this.getServletContext());
        this.getServletContext().setAttribute(SET_BY_SIP, this.getServletName());
    }
}
