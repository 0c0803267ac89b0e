package org.wildfly.extras.sip.container.deployed;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;

/** A servlet that is its own listener, as applications written for other containers often are. */
@SipServlet(name = "self", applicationName = "self-listening", loadOnStartup = 1)
@SipListener
public class SelfListeningServlet extends javax.servlet.sip.SipServlet implements SipServletListener, SipApplicationSessionListener {
    private static final long serialVersionUID = 1L;

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private String greeting;

    @Override
    public void init() {
        this.greeting = "initialised";
    }

    @Override
    public void servletInitialized(SipServletContextEvent event) {
        EVENTS.add("servletInitialized: the event's servlet is this one: " + (event.getSipServlet() == this) + ", config: " + (this.getServletConfig() != null));
    }

    @Override
    protected void doMessage(SipServletRequest request) throws IOException {
        EVENTS.add("doMessage: " + this.greeting);
        request.createResponse(200).send();
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent event) {
        EVENTS.add("sessionCreated: " + this.greeting);
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent event) {
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
    }
}
