package org.wildfly.extras.sip.test.app.uac;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.annotation.Resource;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;

/**
 * Calls the URI of the context parameter {@code callee} as soon as the application's servlet is ready, with the
 * SipFactory that {@code @Resource} put into a static field.
 */
public class CallOnStart implements SipServletListener {

    @Resource
    private static SipFactory factory; // JSR 289 applications keep their SipFactory so

    @Override
    public void servletInitialized(SipServletContextEvent event) {
        SipApplicationSession session = factory.createApplicationSession();
        try {
            SipServletRequest invite = factory.createRequest(session, "INVITE", "sip:uac@127.0.0.1", event.getServletContext().getInitParameter("callee"));
            invite.send();
        } catch (ServletParseException e) {
            throw new IllegalArgumentException("Context parameter callee: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
