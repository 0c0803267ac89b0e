package org.wildfly.extras.sip.container.address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-escaping of SIP URI components (RFC 3261 §19.1.2): JSR 289 has the container unescape what getters return
 * and escape what setters receive.
 */
final class Escapes {

    /** Characters a user part may hold unescaped besides unreserved ones (user-unreserved). */
    static final String USER = "&=+$,;?/";
    /** Characters a password may hold unescaped besides unreserved ones. */
    static final String PASSWORD = "&=+$,";
    /** Characters a URI parameter name or value may hold unescaped besides unreserved ones (param-unreserved). */
    static final String PARAMETER = "[]/:&+$";
    /** Characters a URI header name or value may hold unescaped besides unreserved ones (hnv-unreserved). */
    static final String HEADER = "[]/?:+$";

    private static final String MARK = "-_.!~*'()";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Escapes() {
    }

    /**
     * Escapes every character that is neither unreserved nor in {@code allowed}, as UTF-8 octets.
     *
     * @param text the unescaped text
     * @param allowed the reserved characters the component may hold as they are
     * @return the escaped text
     */
    static String escape(String text, String allowed) {
        StringBuilder builder = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnreserved(c) || allowed.indexOf(c) >= 0) {
                if (builder != null) {
                    builder.append(c);
                }
                continue;
            }
            if (builder == null) {
                builder = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = (Character.isHighSurrogate(c) && i + 1 < text.length()) ? i + 2 : i + 1;
            for (byte octet : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                builder.append('%').append(HEX[(octet >> 4) & 0xF]).append(HEX[octet & 0xF]);
            }
            i = end - 1;
        }
        return (builder != null) ? builder.toString() : text;
    }

    /**
     * Decodes {@code %HH} escapes as UTF-8; a {@code %} that starts no escape stays as it is.
     *
     * @param text the escaped text, or {@code null}
     * @return the unescaped text, or {@code null}
     */
    static String unescape(String text) {
        if (text == null || text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream octets = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                octets.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int end = (Character.isHighSurrogate(c) && i + 1 < text.length()) ? i + 2 : i + 1;
                octets.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return octets.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || MARK.indexOf(c) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    }
}
