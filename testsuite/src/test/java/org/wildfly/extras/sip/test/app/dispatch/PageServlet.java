package org.wildfly.extras.sip.test.app.dispatch;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The HTTP servlet of the converged archive, which Undertow dispatches by name.
 */
@WebServlet(name = PageServlet.NAME, urlPatterns = "/page")
public class PageServlet extends HttpServlet {

    static final String NAME = "page";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print("page");
    }
}
