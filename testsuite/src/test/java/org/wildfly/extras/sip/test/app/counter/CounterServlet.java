package org.wildfly.extras.sip.test.app.counter;

import java.io.IOException;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Counts the requests of a call in an attribute of its application session, and answers each with the count
 * ({@code X-Count}) and the node that answered ({@code X-Node}): a count that goes on across nodes shows that the
 * session was replicated.
 */
public class CounterServlet extends SipServlet {

    static final String COUNT = "count";

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        // kept after the call, so that the management model has a session to count
        request.getApplicationSession().setInvalidateWhenReady(false);
        this.count(request);
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the call is up
    }

    @Override
    protected void doInfo(SipServletRequest request) throws ServletException, IOException {
        this.count(request);
    }

    @Override
    protected void doBye(SipServletRequest request) throws ServletException, IOException {
        this.count(request);
    }

    private void count(SipServletRequest request) throws IOException {
        SipApplicationSession session = request.getApplicationSession();
        Integer count = (Integer) session.getAttribute(COUNT);
        int next = (count == null) ? 1 : count + 1;
        session.setAttribute(COUNT, next);
        SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
        response.setHeader("X-Count", Integer.toString(next));
        response.setHeader("X-Node", System.getProperty("jboss.node.name", "?"));
        response.send();
    }
}
