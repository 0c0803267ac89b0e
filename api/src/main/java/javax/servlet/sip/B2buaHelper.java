package javax.servlet.sip;

import java.util.List;
import java.util.Map;

/**
 * Helps an application act as a back-to-back user agent: it creates requests on a second leg from those of the
 * first and keeps the two legs' sessions linked. Get it from {@link SipServletRequest#getB2buaHelper()}.
 *
 * @since 1.1
 */
public interface B2buaHelper {

    /**
     * Returns the session linked to the given one.
     *
     * @param session a session of one leg
     * @return the session of the other leg, or {@code null} if there is none
     * @throws IllegalArgumentException if the session is invalid
     */
    SipSession getLinkedSession(SipSession session);

    /**
     * Returns the request linked to the given one on the other leg.
     *
     * @param req a request of one leg
     * @return the linked request, or {@code null} if there is none
     */
    SipServletRequest getLinkedSipServletRequest(SipServletRequest req);

    /**
     * Links two sessions, replacing any link either had.
     *
     * @param session1 one session
     * @param session2 the other session
     * @throws IllegalArgumentException if a session is invalid, terminated or belongs to another application session
     * @throws NullPointerException if a session is {@code null}
     */
    void linkSipSessions(SipSession session1, SipSession session2);

    /**
     * Removes the link of a session and of its peer.
     *
     * @param session one of the linked sessions
     * @throws IllegalArgumentException if the session is invalid or not linked
     */
    void unlinkSipSessions(SipSession session);

    /**
     * Returns the messages of a session that are still waiting for an answer: requests without a final response
     * in UAS mode, or 2xx responses without an ACK and reliable provisional responses without a PRACK in UAC mode.
     *
     * @param session the session
     * @param mode which side of the session's transactions to look at
     * @return the pending messages, oldest first
     * @throws IllegalArgumentException if the session is invalid
     */
    List<SipServletMessage> getPendingMessages(SipSession session, UAMode mode);

    /**
     * Creates a response to the request that created a session, even after that request was committed; useful for
     * forwarding several 2xx responses upstream.
     *
     * @param session the session
     * @param status the status code
     * @param reasonPhrase the reason phrase, or {@code null} for the default one
     * @return the response
     * @throws IllegalStateException if the response cannot be created
     * @throws IllegalArgumentException if the session is invalid
     */
    SipServletResponse createResponseToOriginalRequest(SipSession session, int status, String reasonPhrase);

    /**
     * Creates the request for the other leg in a new session, copying the original request except for the
     * headers that {@code headerMap} replaces.
     *
     * @param origRequest the request received on the first leg
     * @param linked whether to link the two sessions and requests
     * @param headerMap header values that replace those of the original request (From, To and non-system headers)
     * @return the new request
     * @throws IllegalArgumentException if the map names a system header or carries a malformed value
     * @throws TooManyHopsException if the Max-Forwards of the original request is 0
     */
    SipServletRequest createRequest(SipServletRequest origRequest, boolean linked,
            Map<String, List<String>> headerMap) throws IllegalArgumentException, TooManyHopsException;

    /**
     * Creates the request for the other leg in a new, linked session, copying the original request.
     *
     * @param origRequest the request received on the first leg
     * @return the new request
     */
    SipServletRequest createRequest(SipServletRequest origRequest);

    /**
     * Creates a subsequent request in an existing session, copying the original request except for the headers
     * that {@code headerMap} replaces; the requests are linked.
     *
     * @param session the session of the other leg
     * @param origRequest the request received on the first leg
     * @param headerMap header values that replace those of the original request (non-system headers)
     * @return the new request
     * @throws IllegalArgumentException if the map names a system header, or the session is not linked to the
     *         original request's session
     */
    SipServletRequest createRequest(SipSession session, SipServletRequest origRequest,
            Map<String, List<String>> headerMap) throws IllegalArgumentException;

    /**
     * Creates a CANCEL for the initial request sent in a session of the other leg.
     *
     * @param session the session of the other leg
     * @return the CANCEL request
     * @throws NullPointerException if the session is {@code null}
     */
    SipServletRequest createCancel(SipSession session);
}
