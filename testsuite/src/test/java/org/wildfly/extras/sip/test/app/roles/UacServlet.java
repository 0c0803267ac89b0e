package org.wildfly.extras.sip.test.app.roles;

import java.io.IOException;
import java.util.Iterator;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;

/**
 * Places a call over HTTP ({@code GET /uac?to=<sip uri>[&hangUpAfter=<ms>]}): the application is the caller (UAC),
 * counted like any role of {@link RolesServlet}; with {@code hangUpAfter}, a {@code ServletTimer} hangs up that much
 * later ({@link HangUpTimer}), on whichever node holds the call then; with {@code session}, the call belongs to the
 * request's HTTP session, and {@code POST /uac} with that session hangs it up; {@code GET /uac?expires=<minutes>} only
 * creates an application session that expires then. Answers the application session's id.
 */
@WebServlet("/uac")
public class UacServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource
    private SipFactory factory;
    @Resource
    private TimerService timers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getParameter("expires") != null) {
            // no call: an application session that expires that many minutes from now, on whichever node holds it then
            SipApplicationSession kept = this.factory.createApplicationSession();
            kept.setExpires(Integer.parseInt(request.getParameter("expires")));
            response.setContentType("text/plain");
            response.getWriter().print(kept.getId());
            return;
        }
        // with an HTTP session, the call is that session's: a later request of the same session finds it (doPost)
        SipApplicationSession call = (request.getParameter("session") != null) ? ((ConvergedHttpSession) request.getSession()).getApplicationSession()
                : this.factory.createApplicationSession();
        call.setAttribute(RolesServlet.ROLE, "uac");
        call.setAttribute(RolesServlet.COUNT, 10); // a count only the replicated session knows: the survivor goes on from it
        SipServletRequest invite = this.factory.createRequest(call, "INVITE", "sip:roles@cluster.invalid", request.getParameter("to"));
        invite.setHeader("X-Node", RolesServlet.node());
        invite.send();
        String hangUpAfter = request.getParameter("hangUpAfter");
        if (hangUpAfter != null) {
            this.timers.createTimer(call, Long.parseLong(hangUpAfter), false, invite.getSession().getId());
        }
        response.setContentType("text/plain");
        response.getWriter().print(call.getId());
    }

    /** Hangs up the call of this HTTP session ({@code POST /uac}), from whichever node the request reaches; answers the node. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No HTTP session: start a call with GET /uac?session&to=...");
            return;
        }
        SipApplicationSession call = ((ConvergedHttpSession) session).getApplicationSession();
        int count = RolesServlet.count(call);
        for (Iterator<?> legs = call.getSessions("SIP"); legs.hasNext();) {
            SipSession leg = (SipSession) legs.next();
            if (leg.getState() == SipSession.State.CONFIRMED) {
                SipServletRequest bye = leg.createRequest("BYE");
                bye.setHeader("X-Count", Integer.toString(count));
                bye.setHeader("X-Node", RolesServlet.node());
                bye.send();
            }
        }
        response.setContentType("text/plain");
        response.getWriter().print(RolesServlet.node());
    }
}
