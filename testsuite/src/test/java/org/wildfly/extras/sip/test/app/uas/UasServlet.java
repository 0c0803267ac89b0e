package org.wildfly.extras.sip.test.app.uas;

import java.io.IOException;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Answers OPTIONS and MESSAGE, and takes calls; every response names the application that sent it.
 */
@javax.servlet.sip.annotation.SipServlet(name = "uas")
public class UasServlet extends SipServlet {

    static final String APPLICATION_HEADER = "X-Sip-Application";

    @Override
    protected void doOptions(SipServletRequest request) throws ServletException, IOException {
        this.answer(request, SipServletResponse.SC_OK);
    }

    @Override
    protected void doMessage(SipServletRequest request) throws ServletException, IOException {
        this.answer(request, SipServletResponse.SC_OK);
    }

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        request.createResponse(SipServletResponse.SC_RINGING).send();
        this.answer(request, SipServletResponse.SC_OK);
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the call is up; the caller hangs up
    }

    @Override
    protected void doBye(SipServletRequest request) throws ServletException, IOException {
        this.answer(request, SipServletResponse.SC_OK);
    }

    private void answer(SipServletRequest request, int status) throws IOException {
        SipServletResponse response = request.createResponse(status);
        response.setHeader(APPLICATION_HEADER, request.getApplicationSession().getApplicationName());
        response.send();
    }
}
