package org.wildfly.extras.sip.container.deployment.single;

import javax.servlet.sip.annotation.SipServlet;

/** The only servlet of an application without @SipApplication, named by applicationName. */
@SipServlet(applicationName = "org.example.single")
public class OnlyServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;
}
