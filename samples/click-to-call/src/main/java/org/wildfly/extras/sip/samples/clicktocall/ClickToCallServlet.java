package org.wildfly.extras.sip.samples.clicktocall;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;

/**
 * The HTTP side: {@code GET /call?from=sip:...&to=sip:...} starts a click-to-call and answers its id;
 * {@code GET /call?id=...} tells where it stands; {@code POST /call?id=...&action=hangup} ends it.
 */
@WebServlet("/call")
public class ClickToCallServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/plain");
        String id = request.getParameter("id");
        if (id != null) {
            SipApplicationSession call = this.sessions().getApplicationSessionById(id);
            if (call == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "No call " + id);
                return;
            }
            response.getWriter().print(call.getAttribute(Calls.STATE) + "\n"); // a bare LF: println writes CRLF, which a shell keeps in $(...)
            return;
        }
        String from = request.getParameter("from");
        String to = request.getParameter("to");
        if (from == null || to == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Give from and to, two SIP URIs: /call?from=sip:alice@127.0.0.1:5070&to=sip:bob@127.0.0.1:5080");
            return;
        }
        try {
            String started = Calls.start((SipFactory) this.getServletContext().getAttribute(SipServlet.SIP_FACTORY), from, to);
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            response.getWriter().print(started + "\n"); // a bare LF: println writes CRLF, which a shell keeps in $(...)
        } catch (ServletParseException | IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not a SIP URI: " + e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String id = request.getParameter("id");
        SipApplicationSession call = (id != null) ? this.sessions().getApplicationSessionById(id) : null;
        if (call == null || !"hangup".equals(request.getParameter("action"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Give the id of a call and action=hangup");
            return;
        }
        String state = Calls.hangUp(call);
        response.setContentType("text/plain");
        response.getWriter().print(state + "\n"); // a bare LF: println writes CRLF, which a shell keeps in $(...)
    }

    private SipSessionsUtil sessions() {
        return (SipSessionsUtil) this.getServletContext().getAttribute(SipServlet.SIP_SESSIONS_UTIL);
    }
}
