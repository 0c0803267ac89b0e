package org.wildfly.extras.sip.container;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipApplicationSession;

import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;

/** The requests an application creates to send ({@code SipFactory}, {@code B2buaHelper}, {@code SipSession.createRequest}). */
interface OutboundRequests {

    /**
     * A new initial request of an application acting as UAC ({@code SipFactory.createRequest}), in a new SIP session.
     * @param context the application's servlet context
     * @param session the application session it belongs to
     * @param method a method other than ACK and CANCEL
     * @param from the From address; a tag of ours is added
     * @param to the To address; any tag is removed
     * @return the request, not yet sent
     */
    default SipServletRequestImpl createRequest(ServletContext context, SipApplicationSession session, String method, AddressSyntax from, AddressSyntax to) {
        return this.createRequest(context, session, method, from, to, null);
    }

    /**
     * A new initial request in a new SIP session, as {@link #createRequest(ServletContext, SipApplicationSession, String, AddressSyntax, AddressSyntax)}.
     * @param callId the Call-ID of its dialog, or {@code null} for a new one
     */
    SipServletRequestImpl createRequest(ServletContext context, SipApplicationSession session, String method, AddressSyntax from, AddressSyntax to, String callId);

    /** @return where this node listens: the interfaces applications may send from */
    java.util.List<org.wildfly.extras.sip.container.transport.ListeningPoint> listeningPoints();

    /**
     * A request within a SIP session's dialog.
     * @param context the application's servlet context
     * @param session the SIP session
     * @param method a method other than ACK and CANCEL
     * @return the request, not yet sent
     */
    SipServletRequestImpl createInDialogRequest(ServletContext context, SipSessionImpl session, String method);

    /**
     * Rebuilds the INVITE whose 2xx waits for its ACK in a UAS dialog, and that 2xx, from the dialog's data, for a node
     * that does not hold the originals (the node that answered died): From, To, Call-ID and CSeq, no body.
     * @param context the application's servlet context
     * @param session the SIP session of the dialog
     * @return the 2xx; its request is the INVITE
     */
    SipServletResponseImpl standInSuccess(ServletContext context, SipSessionImpl session);

    /**
     * Rebuilds, on a node that takes a call in set-up over (the node that held it died), the initial INVITE of a SIP
     * session that waits for its final response, from the session's data.
     * @param context the application's servlet context
     * @param session the SIP session
     * @param invite the INVITE as encoded in the session's data
     * @param received {@code true} for the INVITE the session received (it is answered statelessly, through its top Via),
     *        {@code false} for the one it sent (its responses are taken as they come)
     * @return the request
     */
    SipServletRequestImpl takeOverInvite(ServletContext context, SipSessionImpl session, byte[] invite, boolean received);

    /**
     * A request whose transaction is over, rebuilt from its encoded form on a node that did not hold it: it shows what it
     * was, and is neither answered nor sent again.
     * @param context the application's servlet context
     * @param session its SIP session, or {@code null} if that ended
     * @param message the request as encoded
     * @param received whether the container had received it
     * @return the request, committed
     */
    SipServletRequestImpl pastRequest(ServletContext context, SipSessionImpl session, byte[] message, boolean received);

    /**
     * Rebuilds, on a node other than the one that received it, a 2xx to INVITE that a SIP session received and its
     * application has not acknowledged yet (kept in the session's data), so that the application acknowledges it here.
     * @param context the application's servlet context
     * @param session the SIP session
     * @param success the 2xx as encoded in the session's data
     * @return the response, as received
     */
    SipServletResponseImpl takeOverSuccess(ServletContext context, SipSessionImpl session, byte[] success);
}
