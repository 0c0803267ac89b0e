package org.wildfly.extras.sip.samples.clicktocall;

import java.io.IOException;
import java.util.Iterator;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * Click-to-call as third-party call control (RFC 3725, flow I): call the caller without an offer, take the offer
 * from its 2xx to the callee, and hand the callee's answer back in the caller's ACK. All state is in the application
 * session's attributes, so another node of a cluster can carry the call on.
 */
public final class Calls {

    /** Application session attribute: where the call stands (calling-caller, calling-callee, connected, ended, failed). */
    public static final String STATE = "state";
    /** SIP session attribute: which leg a session is (first, second, incoming, outgoing). */
    public static final String LEG = "leg";

    private Calls() {
    }

    /**
     * Starts a click-to-call: the caller's phone rings first, and once answered, the callee's.
     * @param factory the application's SipFactory
     * @param caller the SIP URI called first
     * @param callee the SIP URI it is connected to
     * @return the id of the call's application session
     * @throws ServletParseException if a URI is malformed
     * @throws IOException if the INVITE cannot be sent
     */
    public static String start(SipFactory factory, String caller, String callee) throws ServletParseException, IOException {
        SipApplicationSession call = factory.createApplicationSession();
        call.setAttribute("caller", caller);
        call.setAttribute("callee", callee);
        call.setAttribute(STATE, "calling-caller");
        // the caller sees who it is about to talk to
        SipServletRequest invite = factory.createRequest(call, "INVITE", factory.createAddress(callee), factory.createAddress(caller));
        invite.getSession().setAttribute(LEG, "first");
        invite.send();
        return call.getId();
    }

    /**
     * Hangs up both legs of a connected call.
     * @param call the call's application session
     * @return the call's state now: ended
     * @throws IOException if a BYE cannot be sent
     */
    public static String hangUp(SipApplicationSession call) throws IOException {
        // before the BYEs: once both legs have ended, the container may invalidate the application session at any
        // moment (it is ready to invalidate), so the session is not touched after them
        call.setAttribute(STATE, "ended");
        for (Iterator<?> sessions = call.getSessions("SIP"); sessions.hasNext();) {
            SipSession leg = (SipSession) sessions.next();
            if (leg.getState() == SipSession.State.CONFIRMED) {
                leg.createRequest("BYE").send();
            }
        }
        return "ended";
    }
}
