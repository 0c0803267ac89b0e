package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.annotation.SipServlet;

/** Named after its class, loaded at deployment. */
@SipServlet(loadOnStartup = 1, description = "Registers contacts")
public class RegistrarServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;
}
