package org.wildfly.extras.sip.container.message;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;

import javax.servlet.sip.Address;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipSession;

import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * What requests and responses share: header fields with the system-header rules of JSR 289 §5.4.2, content,
 * attributes, the session, and the transport facts.
 */
public abstract class SipServletMessageImpl implements SipServletMessage {

    private final RawMessage raw;
    private final MessageSender sender;
    private final Peer peer;
    private final String localAddress;
    private final int localPort;
    private final Map<String, Object> attributes = new HashMap<>();
    private SipSessionImpl session;
    // who sent this request, when a security constraint had the container authenticate it (JSR 289 §22); per message
    private Principal userPrincipal;
    private java.util.Set<String> userRoles = java.util.Set.of();
    private boolean committed;
    private HeaderForm headerForm = HeaderForm.DEFAULT;
    private String characterEncoding;

    SipServletMessageImpl(RawMessage raw, MessageSender sender, Peer peer, String localAddress, int localPort) {
        this.raw = raw;
        this.sender = sender;
        this.peer = peer;
        this.localAddress = localAddress;
        this.localPort = localPort;
        if (peer != null && !peer.certificates().isEmpty()) {
            // as a servlet container does for HTTPS (Servlet 3.1 §3.8), so that applications read the caller's chain alike
            this.attributes.put(X509_CERTIFICATE_ATTRIBUTE, peer.certificates().toArray(new java.security.cert.X509Certificate[0]));
        }
    }

    /** The attribute of a message received over TLS that holds the peer's certificate chain, its own first. */
    public static final String X509_CERTIFICATE_ATTRIBUTE = "javax.servlet.request.X509Certificate";

    /** @return the header fields and body, as they go on the wire */
    public RawMessage raw() {
        return this.raw;
    }

    /**
     * @param header an option-tag header: Supported, Require, Proxy-Require, Unsupported
     * @param tag an option tag such as 100rel
     * @return whether one of the header's values lists the tag (RFC 3261 §19.2: case-insensitive tokens, comma-separated)
     */
    public boolean optionTagged(String header, String tag) {
        for (String value : this.raw().headers().all(header)) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    MessageSender sender() {
        return this.sender;
    }

    /** @return where a received message came from; {@code null} for a message we send */
    public Peer peer() {
        return this.peer;
    }

    /** @return whether this message came from the network */
    public boolean isIncoming() {
        return this.peer != null;
    }

    /** Attaches the SIP session this message belongs to. */
    public void setSession(SipSessionImpl session) {
        this.session = session;
    }

    /** @return the SIP session, or {@code null} if none is attached */
    public SipSessionImpl session() {
        return this.session;
    }

    /** Marks this message as sent or answered: from now on it is read-only. */
    public void commit() {
        this.committed = true;
    }

    /** @return the status for a response, 0 for a request */
    abstract int status();

    /** @return what a header may be changed into: read-only once committed or received */
    Mode headerMode(String name) {
        if (this.committed || this.isIncoming()) {
            return Mode.READ_ONLY;
        }
        if (HeaderNames.same(name, HeaderNames.FROM) || HeaderNames.same(name, HeaderNames.TO)) {
            return Mode.TAG_PROTECTED;
        }
        return SystemHeaders.isSystem(name, this.getMethod(), this.status()) ? Mode.READ_ONLY : Mode.MUTABLE;
    }

    void checkWritable(String name) {
        if (this.committed) {
            throw new IllegalStateException(this.describe() + " was already sent or answered: it can no longer change");
        }
        if (SystemHeaders.isSystem(name, this.getMethod(), this.status()) || HeaderNames.same(name, HeaderNames.FROM) || HeaderNames.same(name, HeaderNames.TO)) {
            throw new IllegalArgumentException(name + " is a system header: the container manages it (JSR 289 §5.4.2)");
        }
    }

    String describe() {
        return this.raw.startLine() + " (Call-ID " + this.raw.callId() + ")";
    }

    @Override
    public Address getFrom() {
        return this.addressHeader(HeaderNames.FROM);
    }

    @Override
    public Address getTo() {
        return this.addressHeader(HeaderNames.TO);
    }

    private Address addressHeader(String name) {
        String value = this.raw.headers().first(name);
        try {
            return (value != null) ? MessageAddresses.address(value, this.headerMode(name)) : null;
        } catch (ServletParseException e) {
            throw new IllegalStateException("Malformed " + name + " in " + this.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getProtocol() {
        return "SIP/2.0";
    }

    @Override
    public String getHeader(String name) {
        if (HeaderNames.same(requireName(name), HeaderNames.CONTENT_LENGTH)) {
            return Integer.toString(this.raw.content().length);
        }
        return this.raw.headers().first(name);
    }

    @Override
    public ListIterator<String> getHeaders(String name) {
        if (HeaderNames.same(requireName(name), HeaderNames.CONTENT_LENGTH)) {
            return List.of(Integer.toString(this.raw.content().length)).listIterator();
        }
        return Collections.unmodifiableList(this.raw.headers().all(name)).listIterator();
    }

    /** Every header of the message, Content-Length too: the transport writes it from the body, and it is on the wire. */
    @Override
    public Iterator<String> getHeaderNames() {
        List<String> names = new ArrayList<>(this.raw.headers().names());
        if (names.stream().noneMatch(name -> HeaderNames.same(name, HeaderNames.CONTENT_LENGTH))) {
            names.add(HeaderNames.CONTENT_LENGTH);
        }
        return Collections.unmodifiableList(names).iterator();
    }

    @Override
    public void setHeader(String name, String value) {
        this.checkWritable(requireName(name));
        this.raw.headers().set(name, requireValue(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
        this.checkWritable(requireName(name));
        this.raw.headers().add(name, requireValue(name, value));
    }

    @Override
    public void removeHeader(String name) {
        this.checkWritable(requireName(name));
        this.raw.headers().remove(name);
    }

    @Override
    public Address getAddressHeader(String name) throws ServletParseException {
        String value = this.raw.headers().first(requireName(name));
        return (value != null) ? MessageAddresses.address(value, this.headerMode(name)) : null;
    }

    @Override
    public ListIterator<Address> getAddressHeaders(String name) throws ServletParseException {
        List<Address> addresses = new ArrayList<>();
        for (String value : this.raw.headers().all(requireName(name))) {
            addresses.add(MessageAddresses.address(value, this.headerMode(name)));
        }
        return Collections.unmodifiableList(addresses).listIterator();
    }

    @Override
    public void setAddressHeader(String name, Address address) {
        this.setHeader(name, address.toString());
    }

    @Override
    public void addAddressHeader(String name, Address address, boolean first) {
        this.checkWritable(requireName(name));
        if (first) {
            this.raw.headers().addFirst(name, address.toString());
        } else {
            this.raw.headers().add(name, address.toString());
        }
    }

    @Override
    public Parameterable getParameterableHeader(String name) throws ServletParseException {
        String value = this.raw.headers().first(requireName(name));
        return (value != null) ? MessageAddresses.parameterable(value, this.headerMode(name)) : null;
    }

    @Override
    public ListIterator<? extends Parameterable> getParameterableHeaders(String name) throws ServletParseException {
        List<Parameterable> values = new ArrayList<>();
        for (String value : this.raw.headers().all(requireName(name))) {
            values.add(MessageAddresses.parameterable(value, this.headerMode(name)));
        }
        return Collections.unmodifiableList(values).listIterator();
    }

    @Override
    public void setParameterableHeader(String name, Parameterable value) {
        this.setHeader(name, value.toString());
    }

    @Override
    public void addParameterableHeader(String name, Parameterable value, boolean first) {
        this.checkWritable(requireName(name));
        if (first) {
            this.raw.headers().addFirst(name, value.toString());
        } else {
            this.raw.headers().add(name, value.toString());
        }
    }

    @Override
    public String getCallId() {
        return this.raw.callId();
    }

    @Override
    public int getExpires() {
        String expires = this.raw.headers().first("Expires");
        try {
            return (expires != null) ? Integer.parseInt(expires.trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void setExpires(int seconds) {
        if (seconds < 0) {
            this.removeHeader("Expires");
        } else {
            this.setHeader("Expires", Integer.toString(seconds));
        }
    }

    @Override
    public String getCharacterEncoding() {
        return (this.characterEncoding != null) ? this.characterEncoding : MessageContent.charsetOf(this.getContentType());
    }

    @Override
    public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
        MessageContent.charset(encoding);
        this.characterEncoding = encoding;
    }

    @Override
    public int getContentLength() {
        return this.raw.content().length;
    }

    @Override
    public String getContentType() {
        return this.raw.headers().first(HeaderNames.CONTENT_TYPE);
    }

    @Override
    public byte[] getRawContent() throws IOException {
        byte[] content = this.raw.content();
        return (content.length > 0) ? content.clone() : null;
    }

    @Override
    public Object getContent() throws IOException, UnsupportedEncodingException {
        byte[] content = this.raw.content();
        return (content.length == 0) ? null : MessageContent.decode(content, this.getContentType(), this.getCharacterEncoding());
    }

    @Override
    public void setContent(Object content, String contentType) throws UnsupportedEncodingException {
        if (this.committed) {
            throw new IllegalStateException(this.describe() + " was already sent or answered: it can no longer change");
        }
        byte[] bytes = MessageContent.encode(content, (this.characterEncoding != null) ? this.characterEncoding : MessageContent.charsetOf(contentType));
        this.raw.setContent(bytes);
        if (contentType != null) {
            this.raw.headers().set(HeaderNames.CONTENT_TYPE, contentType);
        } else if (bytes == null) {
            this.raw.headers().remove(HeaderNames.CONTENT_TYPE);
        }
    }

    @Override
    public void setContentLength(int length) {
        if (this.isIncoming() || this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was received or sent: its Content-Length is set");
        }
        // what goes on the wire is the length of the body the message carries (docs/container.md: refused on purpose)
    }

    @Override
    public void setContentType(String type) {
        if (type == null) {
            this.raw.headers().remove(HeaderNames.CONTENT_TYPE);
        } else {
            this.raw.headers().set(HeaderNames.CONTENT_TYPE, type);
        }
    }

    @Override
    public Object getAttribute(String name) {
        return this.attributes.get(requireName(name));
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(List.copyOf(this.attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            throw new NullPointerException("attribute " + name + ": use removeAttribute to remove it");
        }
        this.attributes.put(requireName(name), value);
    }

    @Override
    public void removeAttribute(String name) {
        this.attributes.remove(name);
    }

    @Override
    public SipSession getSession() {
        return this.getSession(true);
    }

    @Override
    public SipSession getSession(boolean create) {
        return this.session;
    }

    @Override
    public SipApplicationSession getApplicationSession() {
        return this.getApplicationSession(true);
    }

    @Override
    public SipApplicationSession getApplicationSession(boolean create) {
        return (this.session != null) ? this.session.getApplicationSession() : null;
    }

    @Override
    public Locale getAcceptLanguage() {
        Iterator<Locale> languages = this.getAcceptLanguages();
        return languages.hasNext() ? languages.next() : null;
    }

    /** The languages of Accept-Language, most preferred first: by q-value, then in the order given (RFC 3261 §20.3). */
    @Override
    public Iterator<Locale> getAcceptLanguages() {
        record Weighted(Locale locale, float q) {
        }
        List<Weighted> languages = new ArrayList<>();
        for (String value : this.raw.headers().all("Accept-Language")) {
            for (String language : value.split(",")) {
                String[] parts = language.split(";");
                String tag = parts[0].trim();
                float q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim();
                    if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                        try {
                            q = Float.parseFloat(parameter.substring(2).trim());
                        } catch (NumberFormatException e) {
                            q = 1; // a malformed weight: as if none was given
                        }
                    }
                }
                if (!tag.isEmpty() && !tag.equals("*") && q > 0) {
                    languages.add(new Weighted(Locale.forLanguageTag(tag), q));
                }
            }
        }
        languages.sort((a, b) -> Float.compare(b.q(), a.q())); // stable: equal weights keep their order
        return languages.stream().map(Weighted::locale).iterator();
    }

    @Override
    public void setAcceptLanguage(Locale locale) {
        this.setHeader("Accept-Language", locale.toLanguageTag());
    }

    @Override
    public void addAcceptLanguage(Locale locale) {
        this.addHeader("Accept-Language", locale.toLanguageTag());
    }

    @Override
    public void setContentLanguage(Locale locale) {
        this.setHeader("Content-Language", locale.toLanguageTag());
    }

    @Override
    public Locale getContentLanguage() {
        String language = this.raw.headers().first("Content-Language");
        return (language != null) ? Locale.forLanguageTag(language.split(",")[0].trim()) : null;
    }

    @Override
    public boolean isSecure() {
        return this.peer != null && this.peer.transport() == Transport.TLS; // received over TLS
    }

    @Override
    public boolean isCommitted() {
        return this.committed;
    }

    /**
     * Records who sent this request, as the container authenticated it for a security constraint.
     * @param principal the caller
     * @param roles its roles
     */
    public void setAuthenticatedUser(Principal principal, java.util.Set<String> roles) {
        this.userPrincipal = principal;
        this.userRoles = java.util.Set.copyOf(roles);
    }

    @Override
    public String getRemoteUser() {
        return (this.userPrincipal != null) ? this.userPrincipal.getName() : null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return this.userPrincipal != null && this.userRoles.contains(role);
    }

    @Override
    public Principal getUserPrincipal() {
        return this.userPrincipal;
    }

    @Override
    public String getLocalAddr() {
        return this.isIncoming() ? this.localAddress : null;
    }

    @Override
    public int getLocalPort() {
        return this.isIncoming() ? this.localPort : -1;
    }

    @Override
    public String getRemoteAddr() {
        return (this.peer != null) ? this.peer.host() : null;
    }

    @Override
    public int getRemotePort() {
        return (this.peer != null) ? this.peer.port() : -1;
    }

    @Override
    public String getTransport() {
        return (this.peer != null) ? this.peer.transport().name() : null;
    }

    @Override
    public String getInitialRemoteAddr() {
        return this.getRemoteAddr();
    }

    @Override
    public int getInitialRemotePort() {
        return this.getRemotePort();
    }

    @Override
    public String getInitialTransport() {
        return this.getTransport();
    }

    @Override
    public void setHeaderForm(HeaderForm form) {
        this.headerForm = form;
    }

    @Override
    public HeaderForm getHeaderForm() {
        return this.headerForm;
    }

    @Override
    public String toString() {
        return this.raw.toString();
    }

    static String requireName(String name) {
        if (name == null) {
            throw new NullPointerException("header name");
        }
        return name;
    }

    private static String requireValue(String name, String value) {
        if (value == null) {
            throw new NullPointerException("value of header " + name + ": use removeHeader to remove it");
        }
        return value;
    }
}
