package javax.servlet.sip;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.Principal;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.Locale;

/**
 * What SIP requests and responses have in common: headers, content, attributes, sessions and transport details.
 *
 * <p>Applications must not change the system headers the container manages: From and To (except display
 * name and non-tag parameters in some cases), Call-ID, CSeq, Via, Route (except through
 * {@code pushRoute}), Record-Route, Path, and Contact in most messages.</p>
 */
public interface SipServletMessage extends Cloneable {

    /**
     * How header names are written when a message is sent.
     *
     * @since 1.1
     */
    enum HeaderForm {
        /** The compact form, such as {@code f} for From, where the header has one. */
        COMPACT,
        /** The full form, such as {@code From}. */
        LONG,
        /** As the application set each header. */
        DEFAULT
    }

    /**
     * Returns the From address.
     *
     * @return the From address
     */
    Address getFrom();

    /**
     * Returns the To address.
     *
     * @return the To address
     */
    Address getTo();

    /**
     * Returns the method: of the request, or of the request a response answers.
     *
     * @return the method, for example {@code INVITE}
     */
    String getMethod();

    /**
     * Returns the protocol and version.
     *
     * @return {@code SIP/2.0}
     */
    String getProtocol();

    /**
     * Returns the first value of a header; compact and full names are equivalent.
     *
     * @param name the header name
     * @return the value, or {@code null}
     * @throws NullPointerException if the name is {@code null}
     */
    String getHeader(String name);

    /**
     * Returns all values of a header.
     *
     * @param name the header name
     * @return the values; empty if there are none
     * @throws NullPointerException if the name is {@code null}
     */
    ListIterator<String> getHeaders(String name);

    /**
     * Returns the names of the headers in this message.
     *
     * @return the header names
     */
    Iterator<String> getHeaderNames();

    /**
     * Sets a header, replacing all its values.
     *
     * @param name the header name
     * @param value the value
     * @throws IllegalArgumentException if the header is a system header
     * @throws NullPointerException if the name or value is {@code null}
     */
    void setHeader(String name, String value);

    /**
     * Adds a value to a header.
     *
     * @param name the header name
     * @param value the value
     * @throws IllegalArgumentException if the header is a system header
     * @throws NullPointerException if the name or value is {@code null}
     */
    void addHeader(String name, String value);

    /**
     * Removes all values of a header.
     *
     * @param name the header name
     * @throws IllegalArgumentException if the header is a system header
     */
    void removeHeader(String name);

    /**
     * Returns the first value of an address header, such as Contact.
     *
     * @param name the header name
     * @return the address, or {@code null}
     * @throws ServletParseException if the value is not an address
     */
    Address getAddressHeader(String name) throws ServletParseException;

    /**
     * Returns all values of an address header; the iterator can change the message.
     *
     * @param name the header name
     * @return the addresses
     * @throws ServletParseException if a value is not an address
     */
    ListIterator<Address> getAddressHeaders(String name) throws ServletParseException;

    /**
     * Sets an address header, replacing all its values.
     *
     * @param name the header name
     * @param addr the address
     * @throws IllegalArgumentException if the header is a system header or not an address header
     */
    void setAddressHeader(String name, Address addr);

    /**
     * Adds a value to an address header.
     *
     * @param name the header name
     * @param addr the address
     * @param first {@code true} to add it before the existing values
     * @throws IllegalArgumentException if the header is a system header or not an address header
     */
    void addAddressHeader(String name, Address addr, boolean first);

    /**
     * Returns the first value of a header with parameters.
     *
     * @param name the header name
     * @return the value, or {@code null}
     * @throws ServletParseException if the value cannot be parsed
     * @since 1.1
     */
    Parameterable getParameterableHeader(String name) throws ServletParseException;

    /**
     * Returns all values of a header with parameters.
     *
     * @param name the header name
     * @return the values
     * @throws ServletParseException if a value cannot be parsed
     * @since 1.1
     */
    ListIterator<? extends Parameterable> getParameterableHeaders(String name) throws ServletParseException;

    /**
     * Sets a header with parameters, replacing all its values.
     *
     * @param name the header name
     * @param param the value
     * @throws IllegalArgumentException if the header is a system header
     * @since 1.1
     */
    void setParameterableHeader(String name, Parameterable param);

    /**
     * Adds a value to a header with parameters.
     *
     * @param name the header name
     * @param param the value
     * @param first {@code true} to add it before the existing values
     * @throws IllegalArgumentException if the header is a system header
     * @since 1.1
     */
    void addParameterableHeader(String name, Parameterable param, boolean first);

    /**
     * Returns the Call-ID.
     *
     * @return the Call-ID
     */
    String getCallId();

    /**
     * Returns the Expires header.
     *
     * @return the seconds, or {@code -1} if there is no Expires header
     */
    int getExpires();

    /**
     * Sets the Expires header.
     *
     * @param seconds the seconds, or a negative number to remove the header
     */
    void setExpires(int seconds);

    /**
     * Returns the character encoding of the content.
     *
     * @return the charset name, or {@code null}
     */
    String getCharacterEncoding();

    /**
     * Sets the character encoding used to read and write text content.
     *
     * @param enc a charset name
     * @throws UnsupportedEncodingException if the charset is not supported
     */
    void setCharacterEncoding(String enc) throws UnsupportedEncodingException;

    /**
     * Returns the length of the content.
     *
     * @return the length in bytes, or 0 without content
     */
    int getContentLength();

    /**
     * Returns the Content-Type.
     *
     * @return the content type, or {@code null}
     */
    String getContentType();

    /**
     * Returns the content as bytes.
     *
     * @return the content, or {@code null} without content
     * @throws IOException if the content cannot be read
     */
    byte[] getRawContent() throws IOException;

    /**
     * Returns the content as an object: a {@code String} for text types, a {@code byte[]} otherwise, or a
     * container-specific type such as a multipart object.
     *
     * @return the content, or {@code null} without content
     * @throws IOException if the content cannot be read
     * @throws UnsupportedEncodingException if the text's charset is not supported
     */
    Object getContent() throws IOException, UnsupportedEncodingException;

    /**
     * Sets the content and its Content-Type.
     *
     * @param content a {@code String} or {@code byte[]}, or another type the container supports
     * @param contentType the Content-Type
     * @throws UnsupportedEncodingException if the charset is not supported
     * @throws IllegalArgumentException if the object does not fit the content type
     * @throws IllegalStateException if the message was sent
     */
    void setContent(Object content, String contentType) throws UnsupportedEncodingException;

    /**
     * Sets the Content-Length header.
     *
     * @param len the length in bytes
     * @throws IllegalStateException if the message was sent
     */
    void setContentLength(int len);

    /**
     * Sets the Content-Type header.
     *
     * @param type the content type
     */
    void setContentType(String type);

    /**
     * Returns an attribute of this message (not a header); the container may expose its own.
     *
     * @param name the attribute name
     * @return its value, or {@code null}
     * @throws NullPointerException if the name is {@code null}
     */
    Object getAttribute(String name);

    /**
     * Returns the names of this message's attributes.
     *
     * @return the names
     */
    Enumeration<String> getAttributeNames();

    /**
     * Sets an attribute of this message.
     *
     * @param name the attribute name
     * @param o the value
     * @throws NullPointerException if the name or value is {@code null}
     */
    void setAttribute(String name, Object o);

    /**
     * Removes an attribute of this message.
     *
     * @param name the attribute name
     * @since 1.1
     */
    void removeAttribute(String name);

    /**
     * Returns this message's session, creating it if needed.
     *
     * @return the session
     */
    SipSession getSession();

    /**
     * Returns this message's session.
     *
     * @param create whether to create it if it does not exist
     * @return the session, or {@code null}
     */
    SipSession getSession(boolean create);

    /**
     * Returns this message's application session, creating it if needed.
     *
     * @return the application session
     */
    SipApplicationSession getApplicationSession();

    /**
     * Returns this message's application session.
     *
     * @param create whether to create it if it does not exist
     * @return the application session, or {@code null}
     */
    SipApplicationSession getApplicationSession(boolean create);

    /**
     * Returns the preferred language from Accept-Language.
     *
     * @return the locale, or {@code null} without Accept-Language
     */
    Locale getAcceptLanguage();

    /**
     * Returns the languages of Accept-Language, most preferred first.
     *
     * @return the locales; empty without Accept-Language
     */
    Iterator<Locale> getAcceptLanguages();

    /**
     * Replaces Accept-Language with one language.
     *
     * @param locale the language
     */
    void setAcceptLanguage(Locale locale);

    /**
     * Adds a language to Accept-Language.
     *
     * @param locale the language
     */
    void addAcceptLanguage(Locale locale);

    /**
     * Sets Content-Language.
     *
     * @param locale the language of the content
     */
    void setContentLanguage(Locale locale);

    /**
     * Returns Content-Language.
     *
     * @return the language, or {@code null}
     */
    Locale getContentLanguage();

    /**
     * Sends this message.
     *
     * @throws IOException if it cannot be sent
     * @throws IllegalStateException if it was already sent or cannot be sent now
     */
    void send() throws IOException;

    /**
     * Tells whether this message arrived over a secure transport such as TLS.
     *
     * @return {@code true} if secure
     */
    boolean isSecure();

    /**
     * Tells whether this message was sent, or for an incoming message whether it has been handled.
     *
     * @return {@code true} if committed
     */
    boolean isCommitted();

    /**
     * Returns the authenticated user that sent this message.
     *
     * @return the login, or {@code null}
     */
    String getRemoteUser();

    /**
     * Tells whether the authenticated sender has a role.
     *
     * @param role the role name
     * @return {@code true} if it has the role
     */
    boolean isUserInRole(String role);

    /**
     * Returns the authenticated sender.
     *
     * @return the principal, or {@code null}
     */
    Principal getUserPrincipal();

    /**
     * Returns the local address the message was received on or sent from.
     *
     * @return the IP address, or {@code null} for a message not yet sent
     */
    String getLocalAddr();

    /**
     * Returns the local port the message was received on or sent from.
     *
     * @return the port, or {@code -1} for a message not yet sent
     */
    int getLocalPort();

    /**
     * Returns the address of the previous or next hop.
     *
     * @return the IP address, or {@code null}
     */
    String getRemoteAddr();

    /**
     * Returns the port of the previous or next hop.
     *
     * @return the port, or {@code -1}
     */
    int getRemotePort();

    /**
     * Returns the transport the message was received or sent on.
     *
     * @return {@code UDP}, {@code TCP}, {@code TLS} or another transport, or {@code null}
     */
    String getTransport();

    /**
     * Returns the address of the entity that sent the message to the container, before any internal
     * application routing.
     *
     * @return the IP address, or {@code null} for a message created inside the container
     * @since 1.1
     */
    String getInitialRemoteAddr();

    /**
     * Returns the port of the entity that sent the message to the container.
     *
     * @return the port, or {@code -1}
     * @since 1.1
     */
    int getInitialRemotePort();

    /**
     * Returns the transport the message first reached the container on.
     *
     * @return the transport, or {@code null}
     * @since 1.1
     */
    String getInitialTransport();

    /**
     * Sets how header names are written when this message is sent.
     *
     * @param form the header form
     * @since 1.1
     */
    void setHeaderForm(HeaderForm form);

    /**
     * Returns how header names are written when this message is sent.
     *
     * @return the header form
     * @since 1.1
     */
    HeaderForm getHeaderForm();
}
