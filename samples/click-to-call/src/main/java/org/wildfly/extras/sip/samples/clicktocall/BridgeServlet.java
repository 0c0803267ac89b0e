package org.wildfly.extras.sip.samples.clicktocall;

import java.io.IOException;
import java.io.UncheckedIOException;

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
 * The SIP side of the application. An incoming call is bridged, as a B2BUA, to the context parameter
 * {@code bridge.target}; the legs of a click-to-call ({@link Calls}) are joined once both answered. Requests and
 * responses within a call are relayed between its two linked legs. The application session counts the requests it
 * received (attribute {@code requests}). When a caller never acknowledges the answer of a bridged call, the container
 * hangs up the caller's leg and this servlet, as the application's {@code SipErrorListener}, the callee's.
 */
@javax.servlet.sip.annotation.SipServlet(name = "bridge", loadOnStartup = 1)
@javax.servlet.sip.annotation.SipListener
public class BridgeServlet extends SipServlet implements SipErrorListener {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        B2buaHelper helper = request.getB2buaHelper();
        if (request.getMethod().equals("CANCEL")) {
            SipSession other = helper.getLinkedSession(request.getSession());
            if (other != null && !helper.getPendingMessages(other, UAMode.UAC).isEmpty()) {
                helper.createCancel(other).send();
            }
            return;
        }
        countRequest(request.getApplicationSession());
        if (request.isInitial()) {
            this.bridge(request, helper);
            return;
        }
        SipSession other = helper.getLinkedSession(request.getSession());
        if (request.getMethod().equals("ACK")) {
            acknowledge(helper, other, null);
            return;
        }
        if (other == null) {
            request.createResponse(481).send();
            return;
        }
        helper.createRequest(other, request, null).send();
    }

    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        if (response.getMethod().equals("CANCEL") || response.getStatus() == 100) {
            return;
        }
        Object leg = response.getSession().getAttribute(Calls.LEG);
        if (response.getMethod().equals("INVITE") && response.getRequest().isInitial() && ("first".equals(leg) || "second".equals(leg))) {
            this.clickToCall(response, "first".equals(leg));
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
        relayed.send();
        if (response.getStatus() >= 200 && response.getMethod().equals("INVITE") && response.getRequest().isInitial()) {
            response.getApplicationSession().setAttribute(Calls.STATE, (response.getStatus() < 300) ? "connected" : "failed");
        }
    }

    /**
     * No ACK came for the answer relayed to an incoming call's caller: the container ends that leg with a BYE (RFC 3261
     * §13.3.1.4); the outgoing leg is the application's to end. Its 2xx waits for the ACK held back for the caller's, so
     * it is acknowledged first, then hung up. The container makes a listener instance of its own: no state in fields.
     */
    @Override
    public void noAckReceived(SipErrorEvent event) {
        SipServletRequest invite = event.getRequest();
        B2buaHelper helper = invite.getB2buaHelper();
        SipSession other = helper.getLinkedSession(invite.getSession());
        if (other == null || !other.isValid()) {
            return;
        }
        try {
            acknowledge(helper, other, null);
            if (other.getState() == SipSession.State.CONFIRMED) {
                other.createRequest("BYE").send();
            }
            invite.getApplicationSession().setAttribute(Calls.STATE, "ended");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hang up the other leg of Call-ID " + invite.getCallId(), e);
        }
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
        // the bridge sends no reliable provisional responses
    }

    /** An incoming call: a second leg to the target, linked to the first. */
    private void bridge(SipServletRequest request, B2buaHelper helper) throws ServletException, IOException {
        String target = this.getServletContext().getInitParameter("bridge.target");
        if (target == null) {
            request.createResponse(404, "No bridge.target configured").send();
            return;
        }
        request.getSession().setAttribute(Calls.LEG, "incoming");
        SipServletRequest outgoing = helper.createRequest(request, true, null);
        outgoing.setRequestURI(this.factory().createURI(target));
        outgoing.getSession().setAttribute(Calls.LEG, "outgoing");
        request.getApplicationSession().setAttribute(Calls.STATE, "ringing");
        outgoing.send();
    }

    /** A final response to one of the two INVITEs of a click-to-call. */
    private void clickToCall(SipServletResponse response, boolean first) throws ServletException, IOException {
        SipApplicationSession call = response.getApplicationSession();
        boolean success = response.getStatus() >= 200 && response.getStatus() < 300;
        if (response.getStatus() < 200) {
            return;
        }
        B2buaHelper helper = response.getRequest().getB2buaHelper();
        if (first) {
            if (!success) {
                call.setAttribute(Calls.STATE, "failed");
                return;
            }
            // the caller answered with its offer: call the callee with it; the caller's ACK waits for the answer
            SipServletRequest invite = this.factory().createRequest(call, "INVITE", this.factory().createAddress((String) call.getAttribute("caller")),
                    this.factory().createAddress((String) call.getAttribute("callee")));
            invite.setContent(response.getRawContent(), response.getContentType());
            invite.getSession().setAttribute(Calls.LEG, "second");
            helper.linkSipSessions(response.getSession(), invite.getSession());
            call.setAttribute(Calls.STATE, "calling-callee");
            invite.send();
            return;
        }
        SipSession callerLeg = helper.getLinkedSession(response.getSession());
        if (success) {
            response.createAck().send();
            acknowledge(helper, callerLeg, response); // the callee's answer goes to the caller in its ACK
            call.setAttribute(Calls.STATE, "connected");
        } else {
            acknowledge(helper, callerLeg, null);
            callerLeg.createRequest("BYE").send();
            call.setAttribute(Calls.STATE, "failed");
        }
    }

    /** Acknowledges the 2xx a leg is waiting to acknowledge, with the answer of the other leg if there is one. */
    private static void acknowledge(B2buaHelper helper, SipSession leg, SipServletResponse answer) throws IOException {
        if (leg == null) {
            return;
        }
        for (SipServletMessage pending : helper.getPendingMessages(leg, UAMode.UAC)) {
            if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                SipServletRequest ack = response.createAck();
                if (answer != null && answer.getContentLength() > 0) {
                    ack.setContent(answer.getRawContent(), answer.getContentType());
                }
                ack.send();
            }
        }
    }

    private SipFactory factory() {
        return (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
    }

    private static void countRequest(SipApplicationSession session) {
        Integer count = (Integer) session.getAttribute("requests");
        session.setAttribute("requests", (count != null) ? count + 1 : 1);
    }
}
