package org.wildfly.extras.sip.container.session;

import java.util.Collection;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * What a deployment provides to its sessions: its servlet context and listeners, and the parts of the container
 * that sessions call into (messages, servlets, timers).
 */
public interface SessionServices {

    /** @return the application's servlet context */
    ServletContext servletContext();

    /** @return the application's session listeners */
    SessionListeners listeners();

    /**
     * @param address the text of an address
     * @return it as a read-only {@link Address}
     */
    default Address readOnlyAddress(String address) {
        try {
            return Addresses.of(SipGrammar.parseAddress(address), Mode.READ_ONLY);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Creates a request within a SIP session's dialog, or a new request of its UAC side.
     * @param session the SIP session
     * @param method a method other than ACK and CANCEL
     * @return the request, not yet sent
     */
    SipServletRequest createRequest(SipSessionImpl session, String method);

    /**
     * @param address an address an application chose to send from ({@code setOutboundInterface}); port 0 for any
     * @return whether it is one the container listens on (the {@code javax.servlet.sip.outboundInterfaces} list)
     */
    default boolean isOutboundInterface(java.net.InetSocketAddress address) {
        return true;
    }

    /**
     * Rebuilds the initial INVITE of a call in set-up that another node held: see {@link SipSessionImpl#pendingInvite(boolean)}.
     * @param session the SIP session
     * @param invite the INVITE as encoded in the session's data
     * @param received whether the session received it (UAS) or sent it (UAC)
     * @return the request
     */
    default SipServletRequest takeOverInvite(SipSessionImpl session, byte[] invite, boolean received) {
        throw new UnsupportedOperationException("This deployment takes no call over");
    }

    /**
     * Rebuilds a 2xx to INVITE a SIP session received on another node and its application has not acknowledged: see
     * {@link SipSessionImpl#pendingSuccess()}.
     * @return the response, a {@code SipServletResponse}
     */
    default Object takeOverSuccess(SipSessionImpl session, byte[] success) {
        throw new UnsupportedOperationException("This deployment takes no call over");
    }

    /**
     * @param value an attribute value the application stores
     * @return what the session's data holds for it: a {@link StoredRequest} for a request, else the value itself
     */
    default Object toStored(Object value) {
        return value;
    }

    /**
     * @param applicationSession the application session the value was stored in (or one of its SIP sessions)
     * @param stored a request as the data holds it
     * @return the request: the one this node holds, or one rebuilt from the data
     */
    default Object fromStored(SipApplicationSessionImpl applicationSession, StoredRequest stored) {
        return stored;
    }

    /**
     * Checks a servlet name for {@code SipSession.setHandler}.
     * @param name a servlet name
     * @throws ServletException if the application has no SIP servlet of that name
     */
    void checkHandler(String name) throws ServletException;

    /**
     * @param session an application session
     * @return its running timers
     */
    Collection<ServletTimer> timers(SipApplicationSessionImpl session);

    /**
     * Fires a timer of an application session now, under its key: calls the application's timer listeners, then re-arms a
     * repeating timer or forgets a one-shot one. Used when the session store schedules the timers.
     * @param session the application session
     * @param timerId the timer
     */
    default void fireTimer(SipApplicationSessionImpl session, String timerId) {
        throw new UnsupportedOperationException("This deployment fires no timers");
    }

    /**
     * The 2xx to INVITE of a dialog got no ACK, and the node that sent it did not end the dialog in time (it died): ends
     * it here, under the session's key, as that node would have (RFC 3261 §13.3.1.4). Used when the session store
     * schedules the sessions' due work.
     * @param session the SIP session of the dialog
     */
    default void ackOverdue(SipSessionImpl session) {
    }

    /**
     * Runs application code (listeners) in the application's scope, as the host sets it up.
     * @param code the code
     */
    default void inScope(Runnable code) {
        code.run();
    }

    /**
     * @param id the id of an HTTP session of the same converged application
     * @return that session, as a {@code ConvergedHttpSession}, or {@code null} if it is gone or the host has no HTTP sessions
     */
    default Object httpSession(String id) {
        return null;
    }
}
