package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;

import jakarta.servlet.Servlet;

import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;

/**
 * Runs an application's servlet on a message, in the application's scope, and answers for it when it fails: a request
 * the servlet left unanswered gets 500, or 483 for {@code TooManyHopsException} (JSR 289 §10.2.3).
 */
final class ServletInvoker {

    private static final System.Logger LOGGER = System.getLogger(ServletInvoker.class.getName());

    private ServletInvoker() {
    }

    /** Hands a request to a servlet of the deployment. */
    static void service(Deployment deployment, String servletName, SipServletRequestImpl request) {
        deployment.messageIn();
        Servlet servlet = deployment.definition().servlets().get(servletName);
        try {
            deployment.callServlet(servletName, () -> {
                servlet.service(request, null);
                return null;
            });
        } catch (javax.servlet.sip.TooManyHopsException e) {
            answerFailed(request, 483);
        } catch (ApplicationStoppedException e) {
            throw e; // the servlet did not run: the dispatcher answers as for a call this node does not hold
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.ERROR, "Servlet " + servletName + " of " + deployment.applicationName() + " failed on " + request.getMethod() + ", Call-ID " + request.getCallId(), e);
            answerFailed(request, 500);
        }
    }

    /** Hands a response to a servlet of the deployment; a failure is the application's, and only logged. */
    static void deliver(Deployment deployment, String servletName, SipServletResponseImpl response) {
        deployment.messageIn();
        try {
            deployment.callServlet(servletName, () -> {
                deployment.definition().servlets().get(servletName).service(null, response);
                return null;
            });
        } catch (ApplicationStoppedException e) {
            LOGGER.log(Level.DEBUG, "Response {0} to {1} of Call-ID {2} came after the application stopped", response.getStatus(), response.getMethod(), response.getCallId());
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.ERROR, "Servlet " + servletName + " of " + deployment.applicationName() + " failed on response " + response.getStatus() + " to "
                    + response.getMethod() + ", Call-ID " + response.getCallId(), e);
        }
    }

    private static void answerFailed(SipServletRequestImpl request, int status) {
        if (request.transaction() != null && request.finalResponse() == null) {
            try {
                request.createResponse(status).send();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "No {0} for Call-ID {1}: {2}", status, request.getCallId(), e.getMessage());
            }
        }
    }
}
