package org.wildfly.extras.sip.container.deployment.other;

import javax.servlet.sip.annotation.SipServlet;

/** A servlet of the other application. */
@SipServlet
public class OtherServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;
}
