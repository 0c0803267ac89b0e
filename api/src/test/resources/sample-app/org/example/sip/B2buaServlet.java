package org.example.sip;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;

/**
 * A back-to-back user agent that relays a call to a fixed destination, as two linked dialogs.
 */
@javax.servlet.sip.annotation.SipServlet(name = "b2bua")
public class B2buaServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    private transient SipFactory factory;

    @Override
    public void init() throws ServletException {
        this.factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipServletRequest out;
        if (req.isInitial()) {
            Map<String, List<String>> headers = new HashMap<>();
            headers.put("To", List.of("<sip:carol@example.org>"));
            out = helper.createRequest(req, true, headers);
            out.setRequestURI(this.factory.createURI("sip:carol@192.0.2.20"));
            out.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, req);
        } else {
            SipSession other = helper.getLinkedSession(req.getSession());
            out = helper.createRequest(other, req, null);
        }
        out.send();
    }

    @Override
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipSession other = helper.getLinkedSession(req.getSession());
        for (SipServletMessage pending : helper.getPendingMessages(other, UAMode.UAC)) {
            if (pending instanceof SipServletResponse) {
                ((SipServletResponse) pending).createAck().send();
            }
        }
    }

    @Override
    protected void doCancel(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        helper.createCancel(helper.getLinkedSession(req.getSession())).send();
    }

    @Override
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipSession other = helper.getLinkedSession(req.getSession());
        helper.createRequest(other, req, null).send();
        req.createResponse(SipServletResponse.SC_OK).send();
        helper.unlinkSipSessions(req.getSession());
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse resp) throws ServletException, IOException {
        this.relay(resp);
    }

    @Override
    protected void doSuccessResponse(SipServletResponse resp) throws ServletException, IOException {
        if (!"BYE".equals(resp.getMethod())) {
            this.relay(resp);
        }
    }

    @Override
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        this.relay(resp);
    }

    private void relay(SipServletResponse resp) throws IOException {
        B2buaHelper helper = resp.getRequest().getB2buaHelper();
        SipServletRequest upstream = helper.getLinkedSipServletRequest(resp.getRequest());
        if (upstream != null && !upstream.isCommitted()) {
            upstream.createResponse(resp.getStatus(), resp.getReasonPhrase()).send();
        } else {
            SipSession other = helper.getLinkedSession(resp.getSession());
            helper.createResponseToOriginalRequest(other, resp.getStatus(), resp.getReasonPhrase()).send();
        }
    }
}
