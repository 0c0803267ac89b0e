package javax.servlet.sip;

/**
 * Looks up the application's sessions by id or key. The container publishes it as the context attribute
 * {@link SipServlet#SIP_SESSIONS_UTIL}.
 *
 * @since 1.1
 */
public interface SipSessionsUtil {

    /**
     * Returns the application session with an id.
     *
     * @param applicationSessionId the id
     * @return the application session, or {@code null} if this application has none with that id
     * @throws NullPointerException if the id is {@code null}
     */
    SipApplicationSession getApplicationSessionById(String applicationSessionId);

    /**
     * Returns the application session for a key, as {@code @SipApplicationKey} produces.
     *
     * @param applicationSessionKey the key
     * @param create whether to create the application session if there is none
     * @return the application session, or {@code null}
     * @throws NullPointerException if the key is {@code null}
     */
    SipApplicationSession getApplicationSessionByKey(String applicationSessionKey, boolean create);

    /**
     * Returns the session a Join or Replaces header of another session points at (RFC 3911, RFC 3891).
     *
     * @param session the session whose request carries the header
     * @param headerName {@code Join} or {@code Replaces}
     * @return the corresponding session, or {@code null}
     * @throws IllegalArgumentException if the header name is neither
     */
    SipSession getCorrespondingSipSession(SipSession session, String headerName);
}
