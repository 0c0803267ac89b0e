package org.wildfly.extras.sip.container;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Hands a SIP message to a SIP servlet of the same application, by name: {@code forward(request, null)} or
 * {@code forward(null, response)} runs that servlet's {@code service} in its own scope (its run-as), on the caller's
 * thread, so the message stays one at a time in its application session.
 */
final class SipRequestDispatcher implements RequestDispatcher {

    private final String application;
    private final String servletName;
    private final Servlet servlet;
    private final ApplicationScope scope;

    SipRequestDispatcher(String application, String servletName, Servlet servlet, ApplicationScope scope) {
        this.application = application;
        this.servletName = servletName;
        this.servlet = servlet;
        this.scope = scope;
    }

    @Override
    public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        boolean sipRequest = request instanceof SipServletRequest && response == null;
        boolean sipResponse = request == null && response instanceof SipServletResponse;
        if (!sipRequest && !sipResponse) {
            throw new ServletException("SIP servlet " + this.servletName + " of application " + this.application
                    + " is forwarded a SipServletRequest (and a null response) or a SipServletResponse (and a null request), not " + describe(request) + " and " + describe(response));
        }
        try {
            this.scope.call(() -> {
                this.servlet.service(request, response);
                return null;
            });
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException("SIP servlet " + this.servletName + " of application " + this.application + " failed: " + e, e);
        }
    }

    @Override
    public void include(ServletRequest request, ServletResponse response) throws ServletException {
        throw new ServletException("include has no meaning for SIP servlets (JSR 289, the RequestDispatcher interface): forward the message to SIP servlet " + this.servletName + " instead");
    }

    private static String describe(Object message) {
        return (message != null) ? message.getClass().getName() : "null";
    }

    @Override
    public String toString() {
        return "dispatcher to SIP servlet " + this.servletName + " of " + this.application;
    }
}
