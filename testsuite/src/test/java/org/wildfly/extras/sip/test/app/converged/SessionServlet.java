package org.wildfly.extras.sip.test.app.converged;

import java.io.IOException;
import java.util.Iterator;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.SipApplicationSession;

/**
 * {@code GET /session}: the HTTP session of a converged application is a {@code ConvergedHttpSession}, tied to a SIP
 * application session that lists it among its HTTP sessions; the page says so, line by line.
 */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        StringBuilder page = new StringBuilder();
        page.append("converged=").append(session instanceof ConvergedHttpSession).append('\n');
        if (session instanceof ConvergedHttpSession converged) {
            SipApplicationSession application = converged.getApplicationSession();
            page.append("application-session=").append(application.getId()).append('\n');
            boolean listed = false;
            for (Iterator<?> sessions = application.getSessions("HTTP"); sessions.hasNext();) {
                listed |= ((HttpSession) sessions.next()).getId().equals(session.getId());
            }
            page.append("listed=").append(listed).append('\n');
            page.append("encoded=").append(converged.encodeURL("/converged/session", "http").contains(";jsessionid=" + session.getId())).append('\n');
        }
        response.setContentType("text/plain");
        response.getWriter().print(page);
    }
}
