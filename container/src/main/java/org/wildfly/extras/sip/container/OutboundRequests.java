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
    SipServletRequestImpl createRequest(ServletContext context, SipApplicationSession session, String method, AddressSyntax from, AddressSyntax to);

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
}
