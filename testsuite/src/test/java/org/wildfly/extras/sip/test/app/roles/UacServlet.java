package org.wildfly.extras.sip.test.app.roles;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;

/**
 * Places a call over HTTP ({@code GET /uac?to=<sip uri>[&hangUpAfter=<ms>]}): the application is the caller (UAC),
 * counted like any role of {@link RolesServlet}; with {@code hangUpAfter}, a {@code ServletTimer} hangs up that much
 * later ({@link HangUpTimer}), on whichever node holds the call then. Answers the application session's id.
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
        SipApplicationSession call = this.factory.createApplicationSession();
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
}
