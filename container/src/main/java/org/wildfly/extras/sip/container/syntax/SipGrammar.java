package org.wildfly.extras.sip.container.syntax;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the parts of RFC 3261 §25 that applications see: URIs, addresses and parameterable header values.
 * Every method either returns a complete parse of its whole input or throws {@link SyntaxException}.
 */
public final class SipGrammar {

    private static final String MARK = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";
    private static final String PASSWORD_CHARS = "&=+$,";
    private static final String PARAM_UNRESERVED = "[]/:&+$";
    private static final String HEADER_UNRESERVED = "[]/?:+$";
    private static final String TOKEN_CHARS = "-.!%*_+`'~";

    private SipGrammar() {
    }

    /** Parses any absolute URI: {@code sip:}, {@code sips:}, {@code tel:} or another scheme, kept opaque. */
    public static UriSyntax parseUri(String text) throws SyntaxException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new SyntaxException("URI without a scheme", text, 0);
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(isAlpha(c) || (i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.')))) {
                throw new SyntaxException("Bad character in URI scheme", text, i);
            }
        }
        switch (scheme) {
            case "sip":
            case "sips":
                return parseSipUri(text, colon + 1, scheme.equals("sips"));
            case "tel":
                return parseTelUrl(text, colon + 1);
            default:
                if (colon + 1 == text.length()) {
                    throw new SyntaxException("URI with nothing after its scheme", text, colon + 1);
                }
                for (int i = colon + 1; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 0x7f) {
                        throw new SyntaxException("Bad character in URI", text, i);
                    }
                }
                return new OpaqueUriSyntax(scheme, text.substring(colon + 1));
        }
    }

    /** Parses a SIP or SIPS URI. */
    public static SipUriSyntax parseSipUri(String text) throws SyntaxException {
        if (parseUri(text) instanceof SipUriSyntax uri) {
            return uri;
        }
        throw new SyntaxException("Not a sip: or sips: URI", text, 0);
    }

    private static SipUriSyntax parseSipUri(String text, int start, boolean secure) throws SyntaxException {
        int end = text.length();
        int at = text.indexOf('@', start);
        String user = null;
        String password = null;
        int hostStart = start;
        if (at >= 0) {
            int passwordColon = text.indexOf(':', start);
            int userEnd = (passwordColon >= 0 && passwordColon < at) ? passwordColon : at;
            user = text.substring(start, userEnd);
            if (user.isEmpty()) {
                throw new SyntaxException("Empty user part", text, start);
            }
            check(text, start, userEnd, USER_UNRESERVED, "Bad character in user part");
            if (userEnd < at) {
                password = text.substring(userEnd + 1, at);
                check(text, userEnd + 1, at, PASSWORD_CHARS, "Bad character in password");
            }
            hostStart = at + 1;
        }
        int question = text.indexOf('?', hostStart);
        int hostParamsEnd = (question >= 0) ? question : end;
        int semicolon = text.indexOf(';', hostStart);
        int hostPortEnd = (semicolon >= 0 && semicolon < hostParamsEnd) ? semicolon : hostParamsEnd;

        int portColon;
        String host;
        if (hostStart < hostPortEnd && text.charAt(hostStart) == '[') {
            int close = text.indexOf(']', hostStart);
            if (close < 0 || close >= hostPortEnd) {
                throw new SyntaxException("Unclosed IPv6 reference", text, hostStart);
            }
            host = text.substring(hostStart, close + 1);
            checkIPv6(text, hostStart + 1, close);
            portColon = (close + 1 < hostPortEnd) ? close + 1 : -1;
            if (portColon >= 0 && text.charAt(portColon) != ':') {
                throw new SyntaxException("Expected ':' before the port", text, portColon);
            }
        } else {
            portColon = text.indexOf(':', hostStart);
            if (portColon >= hostPortEnd) {
                portColon = -1;
            }
            host = text.substring(hostStart, (portColon >= 0) ? portColon : hostPortEnd);
            checkHost(text, hostStart, host);
        }
        int port = -1;
        if (portColon >= 0) {
            port = parsePort(text, portColon + 1, hostPortEnd);
        }
        Parameters parameters = new Parameters();
        if (hostPortEnd < hostParamsEnd) {
            parseUriParameters(text, hostPortEnd, hostParamsEnd, parameters);
        }
        LinkedHashMap<String, String> headers = new LinkedHashMap<>();
        if (question >= 0) {
            parseUriHeaders(text, question + 1, end, headers);
        }
        return new SipUriSyntax(secure, user, password, host, port, parameters, headers);
    }

    private static TelUrlSyntax parseTelUrl(String text, int start) throws SyntaxException {
        int semicolon = text.indexOf(';', start);
        int numberEnd = (semicolon >= 0) ? semicolon : text.length();
        boolean global = start < numberEnd && text.charAt(start) == '+';
        int digits = global ? start + 1 : start;
        if (digits >= numberEnd) {
            throw new SyntaxException("tel URL without a number", text, digits);
        }
        boolean sawDigit = false;
        for (int i = digits; i < numberEnd; i++) {
            char c = text.charAt(i);
            boolean digit = isDigit(c) || (!global && (isHexDigit(c) || c == '*' || c == '#'));
            sawDigit |= digit;
            if (!digit && "-.()".indexOf(c) < 0) {
                throw new SyntaxException("Bad character in telephone number", text, i);
            }
        }
        if (!sawDigit) {
            throw new SyntaxException("Telephone number without digits", text, digits);
        }
        Parameters parameters = new Parameters();
        if (semicolon >= 0) {
            parseUriParameters(text, semicolon, text.length(), parameters);
        }
        return new TelUrlSyntax(global, text.substring(digits, numberEnd), parameters);
    }

    /**
     * Parses an address: {@code "Display Name" <uri>;params}, {@code Name <uri>}, {@code <uri>;params},
     * {@code uri;params} (whose parameters belong to the header, RFC 3261 §20) or {@code *}.
     */
    public static AddressSyntax parseAddress(String value) throws SyntaxException {
        String text = value.trim();
        if (text.equals("*")) {
            return AddressSyntax.wildcard();
        }
        int position = 0;
        String displayName = null;
        int open;
        if (text.startsWith("\"")) {
            int close = quotedStringEnd(text, 0);
            displayName = unquote(text.substring(0, close + 1));
            position = skipSpace(text, close + 1);
            if (position >= text.length() || text.charAt(position) != '<') {
                throw new SyntaxException("Expected '<' after the display name", text, position);
            }
            open = position;
        } else {
            open = text.indexOf('<');
            if (open > 0) {
                String name = text.substring(0, open).trim();
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (!isTokenChar(c) && c != ' ' && c != '\t') {
                        throw new SyntaxException("Bad character in unquoted display name", text, i);
                    }
                }
                displayName = name.isEmpty() ? null : name;
            }
        }
        UriSyntax uri;
        int paramsStart;
        if (open >= 0) {
            int close = text.indexOf('>', open);
            if (close < 0) {
                throw new SyntaxException("Expected '>'", text, text.length());
            }
            uri = parseUri(text.substring(open + 1, close).trim());
            paramsStart = skipSpace(text, close + 1);
        } else {
            int semicolon = text.indexOf(';');
            int uriEnd = (semicolon >= 0) ? semicolon : text.length();
            String spec = text.substring(0, uriEnd).trim();
            if (spec.indexOf('?') >= 0 || spec.indexOf(',') >= 0) {
                throw new SyntaxException("A URI with headers or commas must be enclosed in <>", text, 0);
            }
            uri = parseUri(spec);
            paramsStart = uriEnd;
        }
        Parameters parameters = new Parameters();
        parseHeaderParameters(text, paramsStart, parameters);
        AddressSyntax address = new AddressSyntax(displayName, uri, parameters);
        return (open >= 0) ? address : address.asAddrSpec();
    }

    /** Parses {@code value *(;param)} as in Via, Content-Type or Accept: the value is returned, the parameters filled in. */
    public static String parseParameterable(String text, Parameters parameters) throws SyntaxException {
        // a value in angle brackets (Call-Info, Alert-Info, Error-Info: a URI, which may hold ';') ends at its '>'
        int open = skipSpace(text, 0);
        int close = (open < text.length() && text.charAt(open) == '<') ? text.indexOf('>', open) : -1;
        int semicolon = indexOfUnquoted(text, ';', (close >= 0) ? close : 0);
        String value = text.substring(0, (semicolon >= 0) ? semicolon : text.length()).trim();
        if (semicolon >= 0) {
            parseHeaderParameters(text, semicolon, parameters);
        }
        return value;
    }

    /** Writes a display name, quoted and escaped unless it is a plain run of tokens. */
    static void appendDisplayName(StringBuilder builder, String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = isTokenChar(c) || (c == ' ' && i > 0 && i < name.length() - 1);
        }
        if (plain) {
            builder.append(name);
            return;
        }
        builder.append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                builder.append('\\');
            }
            builder.append(c);
        }
        builder.append('"');
    }

    /** @return the text of a quoted-string without its quotes and escapes */
    public static String unquote(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            return quoted;
        }
        StringBuilder builder = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
            }
            builder.append(c);
        }
        return builder.toString();
    }

    /** @return whether {@code c} may appear in an RFC 3261 token */
    public static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || TOKEN_CHARS.indexOf(c) >= 0;
    }

    private static void parseHeaderParameters(String text, int start, Parameters parameters) throws SyntaxException {
        int position = skipSpace(text, start);
        while (position < text.length()) {
            if (text.charAt(position) != ';') {
                throw new SyntaxException("Expected ';' before a parameter", text, position);
            }
            position = skipSpace(text, position + 1);
            int nameStart = position;
            while (position < text.length() && isTokenChar(text.charAt(position))) {
                position++;
            }
            if (position == nameStart) {
                throw new SyntaxException("Empty parameter name", text, position);
            }
            String name = text.substring(nameStart, position);
            position = skipSpace(text, position);
            String value = "";
            if (position < text.length() && text.charAt(position) == '=') {
                position = skipSpace(text, position + 1);
                int valueStart = position;
                if (position < text.length() && text.charAt(position) == '"') {
                    position = quotedStringEnd(text, position) + 1;
                } else if (position < text.length() && text.charAt(position) == '[') {
                    int close = text.indexOf(']', position);
                    if (close < 0) {
                        throw new SyntaxException("Unclosed IPv6 reference", text, position);
                    }
                    position = close + 1;
                } else {
                    while (position < text.length() && (isTokenChar(text.charAt(position)) || text.charAt(position) == ':')) {
                        position++;
                    }
                }
                if (position == valueStart) {
                    throw new SyntaxException("Empty value of parameter " + name, text, position);
                }
                value = text.substring(valueStart, position);
                position = skipSpace(text, position);
            }
            parameters.set(name, value);
        }
    }

    private static void parseUriParameters(String text, int start, int end, Parameters parameters) throws SyntaxException {
        int position = start;
        while (position < end) {
            // text.charAt(position) == ';'
            int next = text.indexOf(';', position + 1);
            if (next < 0 || next > end) {
                next = end;
            }
            int equals = text.indexOf('=', position + 1);
            String name;
            String value = "";
            if (equals >= 0 && equals < next) {
                name = text.substring(position + 1, equals);
                value = text.substring(equals + 1, next);
                if (value.isEmpty()) {
                    throw new SyntaxException("Empty value of URI parameter " + name, text, equals + 1);
                }
                check(text, equals + 1, next, PARAM_UNRESERVED, "Bad character in URI parameter value");
            } else {
                name = text.substring(position + 1, next);
            }
            if (name.isEmpty()) {
                throw new SyntaxException("Empty URI parameter name", text, position + 1);
            }
            check(text, position + 1, position + 1 + name.length(), PARAM_UNRESERVED, "Bad character in URI parameter name");
            parameters.set(name, value);
            position = next;
        }
    }

    private static void parseUriHeaders(String text, int start, int end, Map<String, String> headers) throws SyntaxException {
        int position = start;
        while (position <= end) {
            int next = text.indexOf('&', position);
            if (next < 0) {
                next = end;
            }
            int equals = text.indexOf('=', position);
            if (equals < 0 || equals > next || equals == position) {
                throw new SyntaxException("Expected name=value in URI headers", text, position);
            }
            check(text, position, equals, HEADER_UNRESERVED, "Bad character in URI header name");
            check(text, equals + 1, next, HEADER_UNRESERVED, "Bad character in URI header value");
            headers.put(text.substring(position, equals), text.substring(equals + 1, next));
            position = next + 1;
        }
    }

    private static void check(String text, int start, int end, String extra, String message) throws SyntaxException {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= end || !isHexDigit(text.charAt(i + 1)) || !isHexDigit(text.charAt(i + 2))) {
                    throw new SyntaxException("Bad escape sequence", text, i);
                }
                i += 2;
            } else if (!(isAlpha(c) || isDigit(c) || MARK.indexOf(c) >= 0 || extra.indexOf(c) >= 0)) {
                throw new SyntaxException(message, text, i);
            }
        }
    }

    private static void checkHost(String text, int start, String host) throws SyntaxException {
        if (host.isEmpty()) {
            throw new SyntaxException("Missing host", text, start);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '-' || c == '.')) {
                throw new SyntaxException("Bad character in host", text, start + i);
            }
        }
        if (host.startsWith(".") || host.startsWith("-") || host.contains("..")) {
            throw new SyntaxException("Malformed host", text, start);
        }
    }

    private static void checkIPv6(String text, int start, int end) throws SyntaxException {
        if (start == end) {
            throw new SyntaxException("Empty IPv6 reference", text, start);
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(isHexDigit(c) || c == ':' || c == '.')) {
                throw new SyntaxException("Bad character in IPv6 reference", text, i);
            }
        }
    }

    private static int parsePort(String text, int start, int end) throws SyntaxException {
        if (start == end || end - start > 5) {
            throw new SyntaxException("Bad port", text, start);
        }
        int port = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw new SyntaxException("Bad character in port", text, i);
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw new SyntaxException("Port above 65535", text, start);
        }
        return port;
    }

    private static int quotedStringEnd(String text, int open) throws SyntaxException {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new SyntaxException("Unclosed quoted string", text, open);
    }

    private static int indexOfUnquoted(String text, char target, int start) throws SyntaxException {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = quotedStringEnd(text, i);
            } else if (c == target) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int position) {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
