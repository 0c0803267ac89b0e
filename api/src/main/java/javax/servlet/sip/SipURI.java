package javax.servlet.sip;

import java.util.Iterator;

/**
 * A {@code sip} or {@code sips} URI (RFC 3261 §19.1).
 */
public interface SipURI extends URI {

    /**
     * Returns the user part.
     *
     * @return the user, or {@code null}
     */
    String getUser();

    /**
     * Sets the user part.
     *
     * @param user the user, or {@code null} to remove it
     */
    void setUser(String user);

    /**
     * Returns the password of the user part.
     *
     * @return the password, or {@code null}
     */
    String getUserPassword();

    /**
     * Sets the password of the user part.
     *
     * @param password the password, or {@code null} to remove it
     */
    void setUserPassword(String password);

    /**
     * Returns the host: a domain name or an IP address.
     *
     * @return the host
     */
    String getHost();

    /**
     * Sets the host.
     *
     * @param host a domain name or an IP address
     */
    void setHost(String host);

    /**
     * Returns the port.
     *
     * @return the port, or {@code -1} if it is not set
     */
    int getPort();

    /**
     * Sets the port.
     *
     * @param port the port, or {@code -1} to remove it
     */
    void setPort(int port);

    /**
     * Tells whether the scheme is {@code sips}.
     *
     * @return {@code true} for a {@code sips} URI
     */
    boolean isSecure();

    /**
     * Switches the scheme between {@code sips} and {@code sip}.
     *
     * @param b {@code true} for {@code sips}
     */
    void setSecure(boolean b);

    /**
     * Returns the {@code transport} parameter.
     *
     * @return its value, or {@code null}
     */
    String getTransportParam();

    /**
     * Sets the {@code transport} parameter.
     *
     * @param transport the transport, or {@code null} to remove it
     */
    void setTransportParam(String transport);

    /**
     * Returns the {@code maddr} parameter.
     *
     * @return its value, or {@code null}
     */
    String getMAddrParam();

    /**
     * Sets the {@code maddr} parameter.
     *
     * @param maddr the address, or {@code null} to remove it
     */
    void setMAddrParam(String maddr);

    /**
     * Returns the {@code method} parameter.
     *
     * @return its value, or {@code null}
     */
    String getMethodParam();

    /**
     * Sets the {@code method} parameter.
     *
     * @param method the method, or {@code null} to remove it
     */
    void setMethodParam(String method);

    /**
     * Returns the {@code ttl} parameter.
     *
     * @return its value, or {@code -1} if it is not set
     */
    int getTTLParam();

    /**
     * Sets the {@code ttl} parameter.
     *
     * @param ttl the time to live, or {@code -1} to remove it
     */
    void setTTLParam(int ttl);

    /**
     * Returns the {@code user} parameter, for example {@code phone}.
     *
     * @return its value, or {@code null}
     */
    String getUserParam();

    /**
     * Sets the {@code user} parameter.
     *
     * @param user the value, or {@code null} to remove it
     */
    void setUserParam(String user);

    /**
     * Tells whether the {@code lr} parameter is present.
     *
     * @return {@code true} if the URI has {@code lr}
     */
    boolean getLrParam();

    /**
     * Adds or removes the {@code lr} parameter.
     *
     * @param flag {@code true} to add it
     */
    void setLrParam(boolean flag);

    /**
     * Returns a URI header, the {@code ?name=value} part.
     *
     * @param name the header name
     * @return its value, or {@code null}
     */
    String getHeader(String name);

    /**
     * Sets a URI header.
     *
     * @param name the header name
     * @param value the header value
     */
    void setHeader(String name, String value);

    /**
     * Removes a URI header.
     *
     * @param name the header name
     */
    void removeHeader(String name);

    /**
     * Returns the names of the URI headers.
     *
     * @return the header names
     */
    Iterator<String> getHeaderNames();

    /**
     * Returns the textual form of this URI, with reserved characters escaped.
     *
     * @return the URI as a string
     */
    @Override
    String toString();

    /**
     * Compares this URI with another one by the rules of RFC 3261 §19.1.4.
     *
     * @param o the other object
     * @return {@code true} if the URIs are equal
     */
    @Override
    boolean equals(Object o);
}
