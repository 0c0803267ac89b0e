package org.wildfly.extras.sip.container.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

/**
 * A back-to-back user agent: each call to it becomes a second call to the context parameter {@code bridge.target},
 * and everything is relayed between the two legs. It counts the call's requests in the application session.
 * When the caller never acknowledges the answer, the container ends the caller's leg and this bridge the callee's.
 */
@javax.servlet.sip.annotation.SipServlet(name = "bridge")
@javax.servlet.sip.annotation.SipListener
public class CallBridge extends SipServlet implements SipErrorListener {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        B2buaHelper helper = request.getB2buaHelper();
        if (request.getMethod().equals("CANCEL")) {
            // the container already answered 487 on this leg; cancel the other one
            helper.createCancel(helper.getLinkedSession(request.getSession())).send();
            return;
        }
        countRequest(request.getApplicationSession());
        if (request.isInitial()) {
            // a new leg: its own SIP session, dialog, tags and CSeq; headers and SDP copied; the two linked
            SipServletRequest outgoing = helper.createRequest(request, true, Map.of("X-Bridged-By", List.of("CallBridge")));
            SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
            outgoing.setRequestURI(factory.createURI(this.getServletContext().getInitParameter("bridge.target")));
            outgoing.send();
            return;
        }
        SipSession otherLeg = helper.getLinkedSession(request.getSession());
        if (request.getMethod().equals("ACK")) {
            // the caller acknowledged our 2xx: acknowledge the callee's 2xx on the other leg
            for (SipServletMessage pending : helper.getPendingMessages(otherLeg, UAMode.UAC)) {
                if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                    response.createAck().send();
                }
            }
            return;
        }
        helper.createRequest(otherLeg, request, null).send(); // BYE, INFO, re-INVITE: the same request on the other leg
    }

    @Override
    protected void doResponse(SipServletResponse response) throws IOException {
        if (response.getMethod().equals("CANCEL")) {
            return;
        }
        SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
        if (original == null || original.isCommitted()) {
            return; // e.g. the callee's 487 after the caller cancelled: the caller already has its 487
        }
        SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
        if (response.getContentLength() > 0) {
            relayed.setContent(response.getRawContent(), response.getContentType());
        }
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            relayed.setHeader("X-Counter", response.getApplicationSession().getAttribute("requests").toString());
        }
        relayed.send();
    }

    /**
     * The caller never acknowledged the callee's answer we relayed: the container ends the caller's leg with a BYE; the
     * callee's leg is ours to end. Its 2xx still waits for the ACK we held back, so acknowledge it first, then hang up.
     */
    @Override
    public void noAckReceived(SipErrorEvent event) {
        B2buaHelper helper = event.getRequest().getB2buaHelper();
        SipSession otherLeg = helper.getLinkedSession(event.getRequest().getSession());
        if (otherLeg == null || !otherLeg.isValid()) {
            return;
        }
        try {
            for (SipServletMessage pending : helper.getPendingMessages(otherLeg, UAMode.UAC)) {
                if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                    response.createAck().send();
                }
            }
            if (otherLeg.getState() == SipSession.State.CONFIRMED) {
                otherLeg.createRequest("BYE").send();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot end the callee's leg of Call-ID " + event.getRequest().getCallId(), e);
        }
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
        // this bridge sends no reliable provisional responses
    }

    private static void countRequest(SipApplicationSession session) {
        Integer count = (Integer) session.getAttribute("requests");
        session.setAttribute("requests", (count != null) ? count + 1 : 1);
    }
}
