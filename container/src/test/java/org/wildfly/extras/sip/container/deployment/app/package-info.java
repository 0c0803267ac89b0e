/**
 * An annotated SIP application for {@code SipAnnotationsTestCase}.
 */
@SipApplication(name = "org.example.app", displayName = "Annotated application", description = "From annotations", distributable = true,
        sessionTimeout = 10, proxyTimeout = 30, mainServlet = "RegistrarServlet")
package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.annotation.SipApplication;
