package org.wildfly.extras.sip.test.app.converged;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * The HTTP half of a converged application: {@code GET /call?to=sip:...} sends a SIP MESSAGE to that URI, and the
 * page says how the servlet reached the SIP objects.
 */
@WebServlet("/call")
public class CallServlet extends HttpServlet {

    @Resource
    private SipFactory injected;

    @Resource(lookup = "java:comp/env/sip/converged/SipFactory")
    private SipFactory lookedUp;

    @Resource
    private SipSessionsUtil sessionsUtil;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SipFactory attribute = (SipFactory) this.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        StringBuilder page = new StringBuilder();
        // the SIP servlet's context is a view of this one (it adds the SIP servlets to getNamedDispatcher): one set of attributes, one web context
        ServletContext sipContext = (ServletContext) this.getServletContext().getAttribute(MessageServlet.SIP_SERVLET_CONTEXT);
        page.append("shared-context=").append("message".equals(this.getServletContext().getAttribute(MessageServlet.SET_BY_SIP))
                && sipContext.getContextPath().equals(this.getServletContext().getContextPath()) && sipContext.getAttribute(SipServlet.SIP_FACTORY) == attribute).append('\n');
        page.append("injected=").append(this.injected == attribute).append('\n');
        page.append("lookup=").append(this.lookedUp == attribute).append('\n');
        page.append("injected-sessions-util=").append(this.sessionsUtil == this.getServletContext().getAttribute(SipServlet.SIP_SESSIONS_UTIL)).append('\n');
        try {
            InitialContext naming = new InitialContext();
            page.append("jndi-timer-service=").append(naming.lookup("java:comp/env/sip/converged/TimerService") == this.getServletContext().getAttribute(SipServlet.TIMER_SERVICE)).append('\n');
            page.append("jndi-sessions-util=").append(naming.lookup("java:comp/env/sip/converged/SipSessionsUtil") instanceof SipSessionsUtil).append('\n');
        } catch (NamingException e) {
            page.append("jndi=").append(e).append('\n');
        }
        page.append("timer-service=").append(this.getServletContext().getAttribute(SipServlet.TIMER_SERVICE) instanceof TimerService).append('\n');
        SipApplicationSession session = attribute.createApplicationSession();
        attribute.createRequest(session, "MESSAGE", "sip:web@127.0.0.1", request.getParameter("to")).send();
        page.append("sent=MESSAGE\n");
        response.setContentType("text/plain");
        response.getWriter().write(page.toString());
    }
}
