package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.annotation.SipServlet;

/** Named explicitly, and tied to the application explicitly. */
@SipServlet(name = "proxy", applicationName = "org.example.app", description = "Proxies calls")
public class ProxyServlet extends javax.servlet.sip.SipServlet {
    private static final long serialVersionUID = 1L;
}
