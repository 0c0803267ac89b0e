package org.wildfly.extras.sip.container.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the value of an Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate header (RFC 3261 §25.1:
 * a scheme, then comma-separated {@code name=token} or {@code name="quoted string"}).
 * @param scheme the scheme, such as {@code Digest}
 * @param parameters the parameters by lower-case name, values unquoted
 */
public record DigestParameters(String scheme, Map<String, String> parameters) {

    /**
     * @param value a header value
     * @return its scheme and parameters, or {@code null} if it does not parse
     */
    public static DigestParameters parse(String value) {
        int at = skipSpace(value, 0);
        int start = at;
        while (at < value.length() && !isSpace(value.charAt(at))) {
            ++at;
        }
        if (at == start) {
            return null;
        }
        String scheme = value.substring(start, at);
        Map<String, String> parameters = new LinkedHashMap<>();
        at = skipSpace(value, at);
        while (at < value.length()) {
            int nameStart = at;
            while (at < value.length() && value.charAt(at) != '=' && value.charAt(at) != ',' && !isSpace(value.charAt(at))) {
                ++at;
            }
            String name = value.substring(nameStart, at).toLowerCase(Locale.ROOT);
            at = skipSpace(value, at);
            if (name.isEmpty() || at >= value.length() || value.charAt(at) != '=') {
                return null;
            }
            at = skipSpace(value, at + 1);
            StringBuilder parameterValue = new StringBuilder();
            if (at < value.length() && value.charAt(at) == '"') {
                ++at;
                while (true) {
                    if (at >= value.length()) {
                        return null; // an open quote
                    }
                    char c = value.charAt(at++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && at < value.length()) {
                        c = value.charAt(at++);
                    }
                    parameterValue.append(c);
                }
            } else {
                while (at < value.length() && value.charAt(at) != ',' && !isSpace(value.charAt(at))) {
                    parameterValue.append(value.charAt(at++));
                }
            }
            if (parameters.putIfAbsent(name, parameterValue.toString()) != null) {
                return null; // RFC 7616 §3.4: each parameter once
            }
            at = skipSpace(value, at);
            if (at < value.length()) {
                if (value.charAt(at) != ',') {
                    return null;
                }
                at = skipSpace(value, at + 1);
            }
        }
        return new DigestParameters(scheme, Map.copyOf(parameters));
    }

    /** @return the parameter's value, or {@code null} */
    public String get(String name) {
        return this.parameters.get(name);
    }

    /** @return whether the scheme is Digest */
    public boolean isDigest() {
        return this.scheme.equalsIgnoreCase("Digest");
    }

    private static int skipSpace(String value, int at) {
        while (at < value.length() && isSpace(value.charAt(at))) {
            ++at;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
