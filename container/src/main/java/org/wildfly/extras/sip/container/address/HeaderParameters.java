package org.wildfly.extras.sip.container.address;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;

/**
 * The JSR 289 Parameterable view of header parameters ({@code generic-param}, RFC 3261 §25.1): values are read without
 * their quotes and quoted on the way in when they are neither a token nor a host.
 */
final class HeaderParameters {

    private HeaderParameters() {
    }

    /**
     * Reads a parameter.
     *
     * @param parameters the parameters
     * @param name the name, in any case
     * @return the unquoted value, {@code ""} for a flag, or {@code null}
     */
    static String get(Parameters parameters, String name) {
        Objects.requireNonNull(name, "name");
        String value = parameters.get(name);
        return (value != null) ? SipGrammar.unquote(value) : null;
    }

    /**
     * Sets a parameter, or removes it when {@code value} is {@code null} (JSR 289 Parameterable.setParameter).
     *
     * @param parameters the parameters
     * @param name the name, a token
     * @param value the value, {@code ""} for a flag, or {@code null}
     */
    static void set(Parameters parameters, String name, String value) {
        Objects.requireNonNull(name, "name");
        checkToken(name, "parameter name");
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.set(name, encode(value));
        }
    }

    /**
     * Lists the parameter names.
     *
     * @param parameters the parameters
     * @return the names as written, in order, as a read-only snapshot
     */
    static Iterator<String> names(Parameters parameters) {
        return Collections.unmodifiableList(parameters.names()).iterator();
    }

    /**
     * Lists the parameters.
     *
     * @param parameters the parameters
     * @return name and unquoted value of each, in order, as a read-only snapshot
     */
    static Set<Map.Entry<String, String>> entries(Parameters parameters) {
        Set<Map.Entry<String, String>> entries = new LinkedHashSet<>();
        for (Map.Entry<String, String> entry : parameters) {
            entries.add(Map.entry(entry.getKey(), SipGrammar.unquote(entry.getValue())));
        }
        return Collections.unmodifiableSet(entries);
    }

    /**
     * Compares two values as they are written (RFC 3261 §7.3.1): tokens without regard to case, quoted strings exactly.
     *
     * @param one a value as written
     * @param other another value as written
     * @return whether they denote the same value
     */
    static boolean sameValue(String one, String other) {
        if (isQuoted(one) || isQuoted(other)) {
            return SipGrammar.unquote(one).equals(SipGrammar.unquote(other));
        }
        return one.equalsIgnoreCase(other);
    }

    /**
     * Compares the parameters both sides carry; a parameter only one side has is ignored (JSR 289 Address.equals,
     * RFC 3261 §20.20).
     *
     * @param one some parameters
     * @param other other parameters
     * @return whether every common parameter has the same value
     */
    static boolean commonMatch(Parameters one, Parameters other) {
        for (Map.Entry<String, String> entry : one) {
            String theirs = other.get(entry.getKey());
            if (theirs != null && !sameValue(entry.getValue(), theirs)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares parameters that must be the same set (RFC 3261 §20.42 for Via).
     *
     * @param one some parameters
     * @param other other parameters
     * @return whether both have the same names with the same values
     */
    static boolean allMatch(Parameters one, Parameters other) {
        return one.names().size() == other.names().size() && one.names().stream().allMatch(other::contains) && commonMatch(one, other);
    }

    /**
     * Writes a value as a {@code gen-value}: as it is if it is a token, an IPv6 reference or already a quoted string,
     * otherwise quoted.
     *
     * @param value the value
     * @return the wire form
     */
    static String encode(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A parameter value cannot hold CR or LF: " + value);
        }
        if (value.isEmpty() || isToken(value) || isQuoted(value) || isIPv6Reference(value)) {
            return value;
        }
        StringBuilder builder = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                builder.append('\\');
            }
            builder.append(c);
        }
        return builder.append('"').toString();
    }

    /**
     * Rejects text that is not an RFC 3261 token.
     *
     * @param text the text
     * @param what what the text is, for the message
     */
    static void checkToken(String text, String what) {
        if (!isToken(text)) {
            throw new IllegalArgumentException("Not a valid " + what + " (an RFC 3261 token): \"" + text + "\"");
        }
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!SipGrammar.isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@code text} is one well-formed quoted-string */
    private static boolean isQuoted(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i == text.length() - 1) {
                    return false;
                }
            } else if (c == '"') {
                return false;
            }
        }
        return true;
    }

    private static boolean isIPv6Reference(String text) {
        if (text.length() < 3 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
