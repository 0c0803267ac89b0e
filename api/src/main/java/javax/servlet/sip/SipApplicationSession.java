package javax.servlet.sip;

import java.net.URL;
import java.util.Collection;
import java.util.Iterator;

/**
 * An instance of the application: it holds the SIP sessions, HTTP sessions and timers of, say, one call, and
 * attributes shared by them.
 */
public interface SipApplicationSession {

    /**
     * The protocols whose sessions an application session can hold.
     *
     * @since 1.1
     */
    enum Protocol {
        /** SIP sessions. */
        SIP,
        /** HTTP sessions. */
        HTTP
    }

    /**
     * Returns when this application session was created.
     *
     * @return milliseconds since the epoch
     * @throws IllegalStateException if it is invalid
     */
    long getCreationTime();

    /**
     * Returns when this application session, or one of its sessions, was last accessed.
     *
     * @return milliseconds since the epoch
     */
    long getLastAccessedTime();

    /**
     * Returns when this application session expires.
     *
     * @return milliseconds since the epoch, 0 if it never expires, or {@link Long#MIN_VALUE} if it has expired (as a
     *         listener's {@code sessionExpired} sees it)
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    long getExpirationTime();

    /**
     * Returns this application session's id.
     *
     * @return the id
     */
    String getId();

    /**
     * Returns the name of the application this session belongs to.
     *
     * @return the application name
     * @since 1.1
     */
    String getApplicationName();

    /**
     * Sets the time until this application session expires, counted from now.
     *
     * @param deltaMinutes minutes, or 0 or less for never
     * @return the minutes granted, {@link Integer#MAX_VALUE} if it is never to expire, or 0 if the container refused
     *         the new value
     * @throws IllegalStateException if it is invalid
     */
    int setExpires(int deltaMinutes);

    /**
     * Invalidates this application session with all its sessions and timers.
     *
     * @throws IllegalStateException if it is already invalid
     */
    void invalidate();

    /**
     * Tells whether this application session may be invalidated now: all its sessions are ready and no timer is
     * running.
     *
     * @return {@code true} if it is ready
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    boolean isReadyToInvalidate();

    /**
     * Sets whether the container invalidates this application session as soon as it is ready.
     *
     * @param invalidateWhenReady {@code true} to let the container invalidate it
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    void setInvalidateWhenReady(boolean invalidateWhenReady);

    /**
     * Tells whether the container invalidates this application session as soon as it is ready.
     *
     * @return {@code true} if it does
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    boolean getInvalidateWhenReady();

    /**
     * Returns the valid sessions of every protocol.
     *
     * @return the sessions: {@link SipSession}s and {@code HttpSession}s
     * @throws IllegalStateException if it is invalid
     */
    Iterator<?> getSessions();

    /**
     * Returns the valid sessions of one protocol.
     *
     * @param protocol {@code "SIP"} or {@code "HTTP"}
     * @return the sessions; empty for a protocol the container does not support
     * @throws IllegalStateException if it is invalid
     * @throws NullPointerException if the protocol is {@code null}
     * @throws IllegalArgumentException if the container does not know the protocol
     */
    Iterator<?> getSessions(String protocol);

    /**
     * Returns one of this application session's SIP sessions.
     *
     * @param id the session id
     * @return the session, or {@code null}
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    SipSession getSipSession(String id);

    /**
     * Returns one of this application session's sessions of a protocol.
     *
     * @param id the session id
     * @param protocol the protocol
     * @return the session, or {@code null}
     * @throws IllegalStateException if it is invalid
     * @throws NullPointerException if the protocol is {@code null}
     * @since 1.1
     */
    Object getSession(String id, Protocol protocol);

    /**
     * Adds this application session's id to a URI, so that a request to it comes back to this application session.
     *
     * @param uri the URI
     * @throws IllegalStateException if it is invalid
     * @throws IllegalArgumentException if the container cannot encode that URI
     * @deprecated may break application composition; use {@code @SipApplicationKey} instead
     */
    @Deprecated
    void encodeURI(URI uri);

    /**
     * Returns an attribute.
     *
     * @param name the attribute name
     * @return its value, or {@code null}
     * @throws IllegalStateException if it is invalid
     */
    Object getAttribute(String name);

    /**
     * Returns the names of the attributes.
     *
     * @return the names
     * @throws IllegalStateException if it is invalid
     */
    Iterator<String> getAttributeNames();

    /**
     * Binds an attribute, replacing any value of the same name.
     *
     * @param name the attribute name
     * @param attribute the value; it should be serializable in a distributable application
     * @throws IllegalStateException if it is invalid
     * @throws NullPointerException if the name or value is {@code null}
     */
    void setAttribute(String name, Object attribute);

    /**
     * Removes an attribute.
     *
     * @param name the attribute name
     * @throws IllegalStateException if it is invalid
     */
    void removeAttribute(String name);

    /**
     * Returns the active timers of this application session.
     *
     * @return the timers
     * @throws IllegalStateException if it is invalid
     */
    Collection<ServletTimer> getTimers();

    /**
     * Returns one active timer of this application session.
     *
     * @param id the timer id
     * @return the timer, or {@code null}
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    ServletTimer getTimer(String id);

    /**
     * Tells whether this application session is valid.
     *
     * @return {@code true} until it is invalidated
     * @since 1.1
     */
    boolean isValid();

    /**
     * Adds this application session's id to an HTTP or HTTPS URL, so that a request to it joins this application
     * session.
     *
     * @param url the URL
     * @return the encoded URL
     * @throws IllegalStateException if it is invalid
     * @throws IllegalArgumentException if the URL is not HTTP or HTTPS
     * @since 1.1
     */
    URL encodeURL(URL url);
}
