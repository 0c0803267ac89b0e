package org.wildfly.extras.sip.test.app.dispatch;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * The application's main servlet, in the usual JSR 289 style: it hands each request of a call to the servlet that
 * serves it, by name. It answers OPTIONS itself, telling whether the name of the archive's HTTP servlet still finds
 * that servlet.
 */
public class FrontServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        if (request.getMethod().equals("OPTIONS")) {
            RequestDispatcher page = this.getServletContext().getNamedDispatcher(PageServlet.NAME);
            SipServletResponse response = request.createResponse(SipServletResponse.SC_OK);
            response.setHeader("X-Sip-Application", request.getApplicationSession().getApplicationName());
            response.setHeader("X-Http-Dispatcher", (page != null) ? "found" : "none");
            response.send();
            return;
        }
        this.getServletContext().getNamedDispatcher("callee").forward(request, null);
    }
}
