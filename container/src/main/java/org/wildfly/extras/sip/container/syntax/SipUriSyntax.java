package org.wildfly.extras.sip.container.syntax;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 */
public final class SipUriSyntax implements UriSyntax {

    private boolean secure;
    private String user;
    private String password;
    private String host;
    private int port;
    private final Parameters parameters;
    private final LinkedHashMap<String, String> headers;

    public SipUriSyntax(boolean secure, String user, String password, String host, int port, Parameters parameters, LinkedHashMap<String, String> headers) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
        this.headers = headers;
    }

    /** A URI with no user part, parameters or headers. */
    public static SipUriSyntax of(String user, String host, int port) {
        return new SipUriSyntax(false, user, null, host, port, new Parameters(), new LinkedHashMap<>());
    }

    @Override
    public String scheme() {
        return this.secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return this.secure;
    }

    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    /** @return the user part, or {@code null} */
    public String user() {
        return this.user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String password() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** @return the host; an IPv6 reference keeps its brackets */
    public String host() {
        return this.host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    /** @return the port, or -1 when the URI has none */
    public int port() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Parameters parameters() {
        return this.parameters;
    }

    /** @return the URI headers, in order; mutable */
    public Map<String, String> headers() {
        return this.headers;
    }

    @Override
    public SipUriSyntax copy() {
        return new SipUriSyntax(this.secure, this.user, this.password, this.host, this.port, new Parameters(this.parameters), new LinkedHashMap<>(this.headers));
    }

    /**
     * Compares as RFC 3261 §19.1.4 does, for the parameters and headers both URIs carry. An escaped unreserved
     * character equals the character itself ({@code %61lice} is {@code alice}).
     */
    @Override
    public boolean equals(Object object) {
        if (!(object instanceof SipUriSyntax other)) {
            return false;
        }
        if (this.secure != other.secure || !Objects.equals(decodeUnreserved(this.user), decodeUnreserved(other.user))
                || !Objects.equals(decodeUnreserved(this.password), decodeUnreserved(other.password))
                || !this.host.equalsIgnoreCase(other.host) || this.port != other.port) {
            return false;
        }
        for (String name : new String[] { "user", "ttl", "method", "maddr", "transport" }) {
            String mine = this.parameters.get(name);
            String theirs = other.parameters.get(name);
            if ((mine == null) != (theirs == null) || (mine != null && !decodeUnreserved(mine).equalsIgnoreCase(decodeUnreserved(theirs)))) {
                return false;
            }
        }
        for (Map.Entry<String, String> parameter : this.parameters) {
            String theirs = other.parameters.get(parameter.getKey());
            if (theirs != null && !decodeUnreserved(theirs).equalsIgnoreCase(decodeUnreserved(parameter.getValue()))) {
                return false;
            }
        }
        // headers: names without regard to case, all present on both sides
        if (this.headers.size() != other.headers.size()) {
            return false;
        }
        for (Map.Entry<String, String> header : this.headers.entrySet()) {
            String theirs = other.header(header.getKey());
            if (theirs == null || !decodeUnreserved(theirs).equals(decodeUnreserved(header.getValue()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.secure, decodeUnreserved(this.user), this.host.toLowerCase(Locale.ROOT), this.port);
    }

    private String header(String name) {
        for (Map.Entry<String, String> header : this.headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** Decodes the escapes of unreserved characters and upper-cases the hex digits of the others (RFC 3261 §19.1.4). */
    private static String decodeUnreserved(String text) {
        if (text == null || text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder builder = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = (c == '%' && i + 2 < text.length()) ? hexPair(text.charAt(i + 1), text.charAt(i + 2)) : -1;
            if (value < 0) {
                builder.append(c);
            } else if ((value < 0x80 && Character.isLetterOrDigit(value)) || "-_.!~*'()".indexOf(value) >= 0) {
                builder.append((char) value);
                i += 2;
            } else {
                builder.append('%').append(Character.toUpperCase(text.charAt(i + 1))).append(Character.toUpperCase(text.charAt(i + 2)));
                i += 2;
            }
        }
        return builder.toString();
    }

    private static int hexPair(char high, char low) {
        int h = (high < 0x80) ? Character.digit(high, 16) : -1;
        int l = (low < 0x80) ? Character.digit(low, 16) : -1;
        return (h < 0 || l < 0) ? -1 : h * 16 + l;
    }

    @Override
    public String toString() {
        StringBuilder builder = new StringBuilder(64).append(this.scheme()).append(':');
        if (this.user != null) {
            builder.append(this.user);
            if (this.password != null) {
                builder.append(':').append(this.password);
            }
            builder.append('@');
        }
        builder.append(this.host);
        if (this.port >= 0) {
            builder.append(':').append(this.port);
        }
        this.parameters.appendTo(builder, ';');
        char separator = '?';
        for (Map.Entry<String, String> header : this.headers.entrySet()) {
            builder.append(separator).append(header.getKey()).append('=').append(header.getValue());
            separator = '&';
        }
        return builder.toString();
    }
}
