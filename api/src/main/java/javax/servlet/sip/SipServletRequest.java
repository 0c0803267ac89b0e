package javax.servlet.sip;

import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;

import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * A SIP request, received by the application or created by it.
 */
public interface SipServletRequest extends ServletRequest, SipServletMessage {

    /**
     * Returns the request URI.
     *
     * @return the request URI
     */
    URI getRequestURI();

    /**
     * Sets the request URI.
     *
     * @param uri the new request URI
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    void setRequestURI(URI uri);

    /**
     * Adds a Route header on top of the others, with the {@code lr} parameter.
     *
     * @param uri the route
     * @throws IllegalStateException if the request was received (not created by the application)
     */
    void pushRoute(SipURI uri);

    /**
     * Adds a Route header on top of the others.
     *
     * @param uri the route
     * @throws IllegalStateException if the request was received (not created by the application)
     * @since 1.1
     */
    void pushRoute(Address uri);

    /**
     * Returns Max-Forwards.
     *
     * @return the value, or {@code -1} without the header
     */
    int getMaxForwards();

    /**
     * Sets Max-Forwards.
     *
     * @param n a value between 0 and 255
     * @throws IllegalArgumentException if it is out of range
     */
    void setMaxForwards(int n);

    /**
     * Sends this request.
     *
     * @throws IOException if it cannot be sent
     * @throws IllegalStateException if it was already sent or cannot be sent now
     */
    @Override
    void send() throws IOException;

    /**
     * Tells whether this is an initial request, one that starts a new dialog or stands alone.
     *
     * @return {@code true} for an initial request
     */
    boolean isInitial();

    /**
     * Returns {@code null}: SIP content is read with {@link #getContent()} or {@link #getRawContent()}.
     *
     * @return {@code null}
     * @throws IOException never
     */
    @Override
    ServletInputStream getInputStream() throws IOException;

    /**
     * Returns {@code null}: SIP content is read with {@link #getContent()} or {@link #getRawContent()}.
     *
     * @return {@code null}
     * @throws IOException never
     */
    @Override
    BufferedReader getReader() throws IOException;

    /**
     * Returns the proxy for this request, creating it if needed. Once a proxy exists the application may not
     * answer the request itself except with a final response before proxying.
     *
     * @return the proxy
     * @throws TooManyHopsException if Max-Forwards is 0
     * @throws IllegalStateException if the request was not received, or the application acts as a B2BUA for it
     */
    Proxy getProxy() throws TooManyHopsException;

    /**
     * Returns the proxy for this request.
     *
     * @param create whether to create it if it does not exist
     * @return the proxy, or {@code null}
     * @throws TooManyHopsException if Max-Forwards is 0
     * @throws IllegalStateException if the request was not received, or the application acts as a B2BUA for it
     */
    Proxy getProxy(boolean create) throws TooManyHopsException;

    /**
     * Creates a response to this request with the default reason phrase.
     *
     * @param statuscode the status code
     * @return the response
     * @throws IllegalArgumentException if the status code is invalid
     * @throws IllegalStateException if the request is an ACK or CANCEL, or was already answered finally
     */
    SipServletResponse createResponse(int statuscode);

    /**
     * Creates a response to this request.
     *
     * @param statusCode the status code
     * @param reasonPhrase the reason phrase
     * @return the response
     * @throws IllegalArgumentException if the status code is invalid
     * @throws IllegalStateException if the request is an ACK or CANCEL, or was already answered finally
     */
    SipServletResponse createResponse(int statusCode, String reasonPhrase);

    /**
     * Creates a CANCEL for this request, which the application sent.
     *
     * @return the CANCEL
     * @throws IllegalStateException if a final response arrived or the request was not sent by the application
     */
    SipServletRequest createCancel();

    /**
     * Adds a Path header on top of the others (RFC 3327) to a REGISTER request.
     *
     * @param uri the path
     * @throws IllegalStateException if the request is not a REGISTER
     * @since 1.1
     */
    void pushPath(Address uri);

    /**
     * Returns the B2BUA helper for this request; the application then acts as a B2BUA and may no longer proxy it.
     *
     * @return the helper
     * @throws IllegalStateException if the application already proxies this request
     * @since 1.1
     */
    B2buaHelper getB2buaHelper();

    /**
     * Returns the Route header the container removed because it pointed at this application, as the request
     * reached it.
     *
     * @return the popped route, or {@code null}
     * @since 1.1
     */
    Address getPoppedRoute();

    /**
     * Returns the Route header the container removed when the request first reached the container.
     *
     * @return the popped route, or {@code null}
     * @since 1.1
     */
    Address getInitialPoppedRoute();

    /**
     * Tells the application router how this new request relates to one the application received.
     *
     * @param directive {@code NEW}, {@code CONTINUE} or {@code REVERSE}
     * @param origRequest the received request; ignored for {@code NEW}
     * @throws IllegalStateException if this request is not an initial request created by the application
     * @since 1.1
     */
    void setRoutingDirective(SipApplicationRoutingDirective directive, SipServletRequest origRequest)
            throws IllegalStateException;

    /**
     * Returns the routing directive of this initial request.
     *
     * @return the directive
     * @throws IllegalStateException if this is not an initial request
     * @since 1.1
     */
    SipApplicationRoutingDirective getRoutingDirective() throws IllegalStateException;

    /**
     * Returns the routing region the application serves this request in.
     *
     * @return the region
     * @throws IllegalStateException if this is not an initial request received by the application
     * @since 1.1
     */
    SipApplicationRoutingRegion getRegion();

    /**
     * Returns the subscriber the application serves for this request.
     *
     * @return the subscriber URI
     * @throws IllegalStateException if this is not an initial request received by the application
     * @since 1.1
     */
    URI getSubscriberURI();

    /**
     * Adds the Authorization or Proxy-Authorization headers that answer a challenge, using stored credentials.
     *
     * @param challengeResponse the 401 or 407 response
     * @param authInfo the credentials
     * @since 1.1
     */
    void addAuthHeader(SipServletResponse challengeResponse, AuthInfo authInfo);

    /**
     * Adds the Authorization or Proxy-Authorization headers that answer a challenge.
     *
     * @param challengeResponse the 401 or 407 response
     * @param username the user name
     * @param password the password
     * @since 1.1
     */
    void addAuthHeader(SipServletResponse challengeResponse, String username, String password);
}
