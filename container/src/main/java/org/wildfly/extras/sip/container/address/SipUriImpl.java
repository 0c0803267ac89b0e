package org.wildfly.extras.sip.container.address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.servlet.sip.SipURI;

import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;

/**
 * A JSR 289 SipURI over a {@link SipUriSyntax}. As the SipURI javadoc asks, getters return unescaped text and setters
 * escape what the URI component cannot hold as it is; {@link #toString()} keeps the escapes as they were written.
 */
public final class SipUriImpl extends UriImpl implements SipURI {

    private final SipUriSyntax syntax;

    /**
     * @param syntax the parsed URI, which this object reads and changes
     * @param mode whether the URI may change
     */
    public SipUriImpl(SipUriSyntax syntax, Mode mode) {
        super(mode);
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    @Override
    public SipUriSyntax syntax() {
        return this.syntax;
    }

    @Override
    public boolean isSipURI() {
        return true;
    }

    @Override
    public String getUser() {
        return Escapes.unescape(this.syntax.user());
    }

    /** @param user the unescaped user, or {@code null} or {@code ""} to remove the user part and its password */
    @Override
    public void setUser(String user) {
        this.checkModifiable("setUser");
        if (user == null || user.isEmpty()) {
            this.syntax.setUser(null);
            this.syntax.setPassword(null);
        } else {
            this.syntax.setUser(Escapes.escape(user, Escapes.USER));
        }
    }

    @Override
    public String getUserPassword() {
        return Escapes.unescape(this.syntax.password());
    }

    /** @throws IllegalStateException if there is no user part to attach the password to */
    @Override
    public void setUserPassword(String password) {
        this.checkModifiable("setUserPassword");
        if (password != null && this.syntax.user() == null) {
            throw new IllegalStateException("A password needs a user part: set the user of " + this + " first");
        }
        this.syntax.setPassword((password != null) ? Escapes.escape(password, Escapes.PASSWORD) : null);
    }

    @Override
    public String getHost() {
        return this.syntax.host();
    }

    /**
     * @param host a domain name, an IPv4 address or an IPv6 address, with or without brackets
     * @throws IllegalArgumentException if it is none of these
     */
    @Override
    public void setHost(String host) {
        this.checkModifiable("setHost");
        this.syntax.setHost(checkHost(host));
    }

    @Override
    public int getPort() {
        return this.syntax.port();
    }

    /** @throws IllegalArgumentException if the port is neither -1 nor between 0 and 65535 */
    @Override
    public void setPort(int port) {
        this.checkModifiable("setPort");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("A port is between 0 and 65535, or -1 to remove it: " + port);
        }
        this.syntax.setPort(port);
    }

    @Override
    public boolean isSecure() {
        return this.syntax.isSecure();
    }

    @Override
    public void setSecure(boolean b) {
        this.checkModifiable("setSecure");
        this.syntax.setSecure(b);
    }

    @Override
    Parameters parameters() {
        return this.syntax.parameters();
    }

    @Override
    public String getTransportParam() {
        return this.getParameter("transport");
    }

    @Override
    public void setTransportParam(String transport) {
        this.checkModifiable("setTransportParam");
        this.setParameter("transport", transport);
    }

    @Override
    public String getMAddrParam() {
        return this.getParameter("maddr");
    }

    @Override
    public void setMAddrParam(String maddr) {
        this.checkModifiable("setMAddrParam");
        this.setParameter("maddr", maddr);
    }

    @Override
    public String getMethodParam() {
        return this.getParameter("method");
    }

    @Override
    public void setMethodParam(String method) {
        this.checkModifiable("setMethodParam");
        this.setParameter("method", method);
    }

    /** @return the ttl, or -1 if it is absent or not a number */
    @Override
    public int getTTLParam() {
        String ttl = this.getParameter("ttl");
        if (ttl == null) {
            return -1;
        }
        try {
            return Integer.parseInt(ttl);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @throws IllegalArgumentException if the ttl is neither -1 nor between 0 and 255 (RFC 3261 §25.1) */
    @Override
    public void setTTLParam(int ttl) {
        this.checkModifiable("setTTLParam");
        if (ttl < -1 || ttl > 255) {
            throw new IllegalArgumentException("A ttl is between 0 and 255, or -1 to remove it: " + ttl);
        }
        this.setParameter("ttl", (ttl >= 0) ? Integer.toString(ttl) : null);
    }

    @Override
    public String getUserParam() {
        return this.getParameter("user");
    }

    @Override
    public void setUserParam(String user) {
        this.checkModifiable("setUserParam");
        this.setParameter("user", user);
    }

    @Override
    public boolean getLrParam() {
        return this.syntax.parameters().contains("lr");
    }

    @Override
    public void setLrParam(boolean flag) {
        this.checkModifiable("setLrParam");
        this.setParameter("lr", flag ? "" : null);
    }

    /** @return the unescaped value of the URI header, whose name is matched without regard to case, or {@code null} */
    @Override
    public String getHeader(String name) {
        Objects.requireNonNull(name, "name");
        String key = this.headerKey(name);
        return (key != null) ? Escapes.unescape(this.syntax.headers().get(key)) : null;
    }

    /** @param value the unescaped value; {@code null} removes the header */
    @Override
    public void setHeader(String name, String value) {
        this.checkModifiable("setHeader");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A URI header needs a name");
        }
        if (value == null) {
            this.removeHeader(name);
            return;
        }
        String key = this.headerKey(name);
        this.syntax.headers().put((key != null) ? key : Escapes.escape(name, Escapes.HEADER), Escapes.escape(value, Escapes.HEADER));
    }

    @Override
    public void removeHeader(String name) {
        this.checkModifiable("removeHeader");
        Objects.requireNonNull(name, "name");
        String key = this.headerKey(name);
        if (key != null) {
            this.syntax.headers().remove(key);
        }
    }

    /** @return the unescaped header names, in order, as a read-only snapshot */
    @Override
    public Iterator<String> getHeaderNames() {
        List<String> names = new ArrayList<>(this.syntax.headers().size());
        for (String name : this.syntax.headers().keySet()) {
            names.add(Escapes.unescape(name));
        }
        return Collections.unmodifiableList(names).iterator();
    }

    @Override
    public SipUriImpl clone() {
        return new SipUriImpl(this.syntax.copy(), Mode.MUTABLE);
    }

    private String headerKey(String name) {
        for (String key : this.syntax.headers().keySet()) {
            if (Escapes.unescape(key).equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    private static String checkHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.indexOf(':') >= 0) {
            String address = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
            boolean valid = !address.isEmpty();
            for (int i = 0; i < address.length() && valid; i++) {
                char c = address.charAt(i);
                valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            }
            if (!valid) {
                throw new IllegalArgumentException("Not a valid IPv6 address: " + host);
            }
            return '[' + address + ']';
        }
        boolean valid = !host.isEmpty() && !host.startsWith(".") && !host.startsWith("-") && !host.contains("..");
        for (int i = 0; i < host.length() && valid; i++) {
            char c = host.charAt(i);
            valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
        }
        if (!valid) {
            throw new IllegalArgumentException("Not a valid host name or IP address: \"" + host + "\"");
        }
        return host;
    }
}
