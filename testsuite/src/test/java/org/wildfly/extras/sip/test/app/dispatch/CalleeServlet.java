package org.wildfly.extras.sip.test.app.dispatch;

import java.io.IOException;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Takes the calls the main servlet forwards to it, counting each call's requests in its SIP session; the answer to the
 * BYE tells the count, so the caller sees that every request of the call reached this servlet.
 */
public class CalleeServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        Integer count = (Integer) request.getSession().getAttribute("count");
        request.getSession().setAttribute("count", (count != null) ? count + 1 : 1);
        super.doRequest(request);
    }

    @Override
    protected void doInvite(SipServletRequest request) throws IOException {
        request.createResponse(SipServletResponse.SC_RINGING).send();
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        ok.setContent("v=0\r\no=callee 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", "application/sdp");
        ok.send();
    }

    @Override
    protected void doAck(SipServletRequest request) {
        // the call is up; the caller hangs up
    }

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("X-Request-Count", request.getSession().getAttribute("count").toString());
        ok.send();
    }
}
