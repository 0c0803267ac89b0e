package javax.servlet.sip;

/**
 * Creates URIs, addresses, requests and application sessions. The container publishes it as the context
 * attribute {@link SipServlet#SIP_FACTORY}.
 */
public interface SipFactory {

    /**
     * Parses a URI.
     *
     * @param uri the URI text
     * @return a {@link SipURI}, a {@link TelURL} or a generic {@link URI}
     * @throws ServletParseException if the text is not a URI
     */
    URI createURI(String uri) throws ServletParseException;

    /**
     * Creates a {@code sip} URI.
     *
     * @param user the user part, or {@code null}
     * @param host the host
     * @return the URI
     */
    SipURI createSipURI(String user, String host);

    /**
     * Parses an address, as found in a From, To or Contact header field.
     *
     * @param addr the address text, or {@code *} for the wildcard
     * @return the address
     * @throws ServletParseException if the text is not an address
     */
    Address createAddress(String addr) throws ServletParseException;

    /**
     * Creates an address for a URI.
     *
     * @param uri the URI
     * @return the address, without display name
     */
    Address createAddress(URI uri);

    /**
     * Creates an address with a display name.
     *
     * @param uri the URI
     * @param displayName the display name
     * @return the address
     */
    Address createAddress(URI uri, String displayName);

    /**
     * Parses a header field value with parameters.
     *
     * @param s the value text, {@code value *(;name[=value])}
     * @return the parsed value
     * @throws ServletParseException if the text cannot be parsed
     * @since 1.1
     */
    Parameterable createParameterable(String s) throws ServletParseException;

    /**
     * Creates a request in a new session of an application session.
     *
     * @param appSession the application session
     * @param method the method; not ACK or CANCEL
     * @param from the From address
     * @param to the To address
     * @return the request
     * @throws IllegalArgumentException if the method is ACK or CANCEL
     * @throws IllegalStateException if the application session is invalid
     */
    SipServletRequest createRequest(SipApplicationSession appSession, String method, Address from, Address to);

    /**
     * Creates a request in a new session of an application session.
     *
     * @param appSession the application session
     * @param method the method; not ACK or CANCEL
     * @param from the From URI
     * @param to the To URI
     * @return the request
     * @throws IllegalArgumentException if the method is ACK or CANCEL
     * @throws IllegalStateException if the application session is invalid
     */
    SipServletRequest createRequest(SipApplicationSession appSession, String method, URI from, URI to);

    /**
     * Creates a request in a new session of an application session, parsing the From and To addresses.
     *
     * @param appSession the application session
     * @param method the method; not ACK or CANCEL
     * @param from the From address text
     * @param to the To address text
     * @return the request
     * @throws ServletParseException if an address cannot be parsed
     * @throws IllegalArgumentException if the method is ACK or CANCEL
     * @throws IllegalStateException if the application session is invalid
     */
    SipServletRequest createRequest(SipApplicationSession appSession, String method, String from, String to)
            throws ServletParseException;

    /**
     * Creates a request in a new session like another request.
     *
     * @param origRequest the request to copy
     * @param sameCallId whether to keep the Call-ID
     * @return the request
     * @deprecated keeping the Call-ID across dialogs breaks RFC 3261; use
     *             {@link B2buaHelper#createRequest(SipServletRequest)}
     */
    @Deprecated
    SipServletRequest createRequest(SipServletRequest origRequest, boolean sameCallId);

    /**
     * Creates an application session.
     *
     * @return the new application session
     */
    SipApplicationSession createApplicationSession();

    /**
     * Returns the application session for a key, creating it if needed; the same key gives the same application
     * session.
     *
     * @param sipApplicationKey the key
     * @return the application session
     * @since 1.1
     */
    SipApplicationSession createApplicationSessionByKey(String sipApplicationKey);

    /**
     * Creates an empty set of credentials.
     *
     * @return the credentials
     * @since 1.1
     */
    AuthInfo createAuthInfo();
}
