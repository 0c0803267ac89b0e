package org.wildfly.extras.sip.container.message;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * A message body as {@code SipServletMessage.getContent}/{@code setContent} show it: text for a {@code text/*} type, in
 * the charset the message or its Content-Type names (UTF-8 otherwise), bytes for any other type.
 */
final class MessageContent {

    private MessageContent() {
    }

    /** @return the charset parameter of a Content-Type, or {@code null} */
    static String charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String trimmed = part.trim();
                if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                    return trimmed.substring(8).replace("\"", "");
                }
            }
        }
        return null;
    }

    /**
     * @param content the body, not empty
     * @param contentType its Content-Type, or {@code null}
     * @param encoding the charset to read text in, or {@code null} for UTF-8
     * @return a String for a text type, else a copy of the bytes
     * @throws UnsupportedEncodingException if the charset is unknown here
     */
    static Object decode(byte[] content, String contentType, String encoding) throws UnsupportedEncodingException {
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/")) {
            return new String(content, (encoding != null) ? charset(encoding) : StandardCharsets.UTF_8);
        }
        return content.clone();
    }

    /**
     * @param content a String or a byte[], or {@code null}
     * @param encoding the charset to write text in, or {@code null} for UTF-8
     * @return the bytes, or {@code null} for no body
     * @throws UnsupportedEncodingException if the charset is unknown here
     * @throws IllegalArgumentException for content of another type
     */
    static byte[] encode(Object content, String encoding) throws UnsupportedEncodingException {
        if (content == null) {
            return null;
        } else if (content instanceof byte[] array) {
            return array.clone();
        } else if (content instanceof String text) {
            return text.getBytes((encoding != null) ? charset(encoding) : StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("Content of type " + content.getClass().getName() + " cannot be written: give a String or a byte[]");
    }

    /** @throws UnsupportedEncodingException if the charset is unknown here */
    static Charset charset(String encoding) throws UnsupportedEncodingException {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(encoding);
        }
    }
}
