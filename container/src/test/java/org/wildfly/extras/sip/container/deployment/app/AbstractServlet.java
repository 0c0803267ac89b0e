package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.annotation.SipServlet;

/** Abstract, so no servlet, though annotated. */
@SipServlet(name = "abstract")
public abstract class AbstractServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;
}
