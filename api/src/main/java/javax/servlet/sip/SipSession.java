package javax.servlet.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Enumeration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * The application's state for one dialog, or for one transaction outside a dialog, with attributes.
 */
public interface SipSession {

    /**
     * The state of a session, following the state of its dialog.
     *
     * @since 1.1
     */
    enum State {
        /** No dialog yet: no provisional or final response has been received or sent. */
        INITIAL,
        /** An early dialog: a provisional response with a To-tag. */
        EARLY,
        /** A confirmed dialog: a 2xx response. */
        CONFIRMED,
        /** The dialog ended, or the initial request failed. */
        TERMINATED
    }

    /**
     * Returns when this session was created.
     *
     * @return milliseconds since the epoch
     */
    long getCreationTime();

    /**
     * Returns this session's id.
     *
     * @return the id
     */
    String getId();

    /**
     * Returns when a message of this session was last sent or received.
     *
     * @return milliseconds since the epoch
     */
    long getLastAccessedTime();

    /**
     * Invalidates this session and unbinds its attributes.
     *
     * @throws IllegalStateException if it is already invalid
     */
    void invalidate();

    /**
     * Tells whether this session may be invalidated now: no transaction is pending and the dialog, if any, ended.
     *
     * @return {@code true} if it is ready
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    boolean isReadyToInvalidate();

    /**
     * Sets whether the container invalidates this session as soon as it is ready.
     *
     * @param invalidateWhenReady {@code true} to let the container invalidate it
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    void setInvalidateWhenReady(boolean invalidateWhenReady);

    /**
     * Tells whether the container invalidates this session as soon as it is ready.
     *
     * @return {@code true} if it does
     * @throws IllegalStateException if it is invalid
     * @since 1.1
     */
    boolean getInvalidateWhenReady();

    /**
     * Returns the application session this session belongs to.
     *
     * @return the application session
     */
    SipApplicationSession getApplicationSession();

    /**
     * Returns the Call-ID of this session.
     *
     * @return the Call-ID
     */
    String getCallId();

    /**
     * Returns the local party: From for a session the application started, To otherwise.
     *
     * @return the local address
     */
    Address getLocalParty();

    /**
     * Returns the remote party.
     *
     * @return the remote address
     */
    Address getRemoteParty();

    /**
     * Creates a request in this session's dialog.
     *
     * @param method the method; not ACK or CANCEL
     * @return the request
     * @throws IllegalArgumentException if the method is ACK or CANCEL
     * @throws IllegalStateException if the session cannot send that request in its state
     */
    SipServletRequest createRequest(String method);

    /**
     * Names the servlet that handles this session's subsequent requests and responses.
     *
     * @param name a servlet name of this application
     * @throws ServletException if the application has no servlet of that name
     * @throws IllegalStateException if the session is invalid
     */
    void setHandler(String name) throws ServletException;

    /**
     * Returns an attribute.
     *
     * @param name the attribute name
     * @return its value, or {@code null}
     * @throws IllegalStateException if the session is invalid
     */
    Object getAttribute(String name);

    /**
     * Returns the names of the attributes.
     *
     * @return the names
     * @throws IllegalStateException if the session is invalid
     */
    Enumeration<String> getAttributeNames();

    /**
     * Binds an attribute, replacing any value of the same name.
     *
     * @param name the attribute name
     * @param attribute the value; it should be serializable in a distributable application
     * @throws IllegalStateException if the session is invalid
     * @throws NullPointerException if the name or value is {@code null}
     */
    void setAttribute(String name, Object attribute);

    /**
     * Removes an attribute.
     *
     * @param name the attribute name
     * @throws IllegalStateException if the session is invalid
     */
    void removeAttribute(String name);

    /**
     * Returns the state of this session.
     *
     * @return the state
     * @throws IllegalStateException if the session is invalid
     * @since 1.1
     */
    State getState();

    /**
     * Chooses the local interface and port this session sends from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     * @throws IllegalStateException if the session is invalid
     * @since 1.1
     */
    void setOutboundInterface(InetSocketAddress address);

    /**
     * Chooses the local interface this session sends from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     * @throws IllegalStateException if the session is invalid
     * @since 1.1
     */
    void setOutboundInterface(InetAddress address);

    /**
     * Tells whether this session is valid.
     *
     * @return {@code true} until it is invalidated
     * @since 1.1
     */
    boolean isValid();

    /**
     * Returns the routing region the application serves in for this session.
     *
     * @return the region
     * @throws IllegalStateException if the application started this session itself
     * @since 1.1
     */
    SipApplicationRoutingRegion getRegion();

    /**
     * Returns the subscriber the application serves for this session.
     *
     * @return the subscriber URI
     * @throws IllegalStateException if the application started this session itself
     * @since 1.1
     */
    URI getSubscriberURI();

    /**
     * Returns the servlet context of the application.
     *
     * @return the servlet context
     * @since 1.1
     */
    ServletContext getServletContext();
}
