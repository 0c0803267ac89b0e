package org.wildfly.extras.sip.test.app.uac;

import java.io.IOException;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletResponse;

/**
 * The UAC side of a call the application starts itself: it acknowledges the 2xx, then hangs up.
 */
public class UacServlet extends SipServlet {

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws ServletException, IOException {
        if ("INVITE".equals(response.getMethod())) {
            response.createAck().send();
            response.getSession().createRequest("BYE").send();
        }
    }
}
