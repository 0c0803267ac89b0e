package org.wildfly.extras.sip.test.app.converged;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.servlet.sip.SipServlet;

/**
 * The HTTP servlet a converged application's web.xml maps to {@code <url-pattern>*</url-pattern>}: its page names the
 * path it answered and whether it shares the application's SIP servlet context.
 */
public class EveryPathServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
        response.getWriter().print("path=" + path + "\nsip-factory=" + (this.getServletContext().getAttribute(SipServlet.SIP_FACTORY) != null) + "\n");
    }
}
