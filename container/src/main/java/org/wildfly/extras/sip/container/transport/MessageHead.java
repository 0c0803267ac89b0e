package org.wildfly.extras.sip.container.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start line and header fields of a received message as the peer wrote them, read without a parser that could
 * fail: what a transport checks before it hands a message to the stack's parser, and what it copies into a response
 * it sends itself (RFC 3261 §8.2.6: Via, From, To, Call-ID, CSeq).
 * @param startLine the first line, empty if there is none
 * @param headers the header fields in order, continuation lines joined, compact names made full
 */
public record MessageHead(String startLine, List<HeaderFields.Field> headers) {

    private static final Pattern SENT_PROTOCOL = Pattern.compile("^\\s*([^/\\s]+)\\s*/\\s*([^/\\s]+)\\s*/\\s*([^\\s;,]+)");

    /**
     * @param message a message as received; only the part up to the first empty line is read
     * @return its head
     */
    public static MessageHead parse(byte[] message) {
        // only the header section is decoded: a body can be most of the message; lines are cut by hand, not by a
        // regular expression (this runs for every datagram, on the one thread that parses them)
        String text = new String(message, 0, headerEnd(message), StandardCharsets.UTF_8);
        List<HeaderFields.Field> headers = new ArrayList<>();
        String startLine = null;
        String name = null;
        StringBuilder value = new StringBuilder();
        int length = text.length();
        int lineStart = 0;
        while (lineStart <= length) {
            int newline = text.indexOf('\n', lineStart);
            int next = (newline < 0) ? length + 1 : newline + 1;
            int lineEnd = (newline < 0) ? length : newline;
            if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            String line = text.substring(lineStart, lineEnd);
            lineStart = next;
            if (startLine == null) {
                if (!line.isBlank()) {
                    startLine = line.trim();
                }
                continue;
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                headers.add(new HeaderFields.Field(HeaderNames.full(name), value.toString().trim()));
            }
            int colon = line.indexOf(':');
            name = (colon > 0) ? line.substring(0, colon).trim() : null;
            value.setLength(0);
            if (name != null) {
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            headers.add(new HeaderFields.Field(HeaderNames.full(name), value.toString().trim()));
        }
        return new MessageHead((startLine != null) ? startLine : "", List.copyOf(headers));
    }

    /** @return where the header section ends: at its empty line, or at the end of the message if it has none */
    private static int headerEnd(byte[] message) {
        boolean started = false;
        for (int index = 0; index < message.length; index++) {
            if (message[index] != '\n') {
                if (message[index] != '\r') {
                    started = true;
                }
                continue;
            }
            // a line ends here: the header section ends if the next line is empty
            int next = index + 1;
            if (next < message.length && message[next] == '\r') {
                next++;
            }
            if (started && next < message.length && message[next] == '\n') {
                return index;
            }
        }
        return message.length;
    }

    /** @return whether this is a request: its start line is not a status line */
    public boolean isRequest() {
        return !this.startLine.regionMatches(true, 0, "SIP/", 0, 4);
    }

    /** @return the request's method as written, or {@code ""} */
    public String method() {
        int space = this.startLine.indexOf(' ');
        return (space > 0) ? this.startLine.substring(0, space) : this.startLine;
    }

    /** @return the method for a log line: at most 32 printable characters */
    public String methodForLog() {
        String method = this.isRequest() ? this.method() : "response";
        method = method.replaceAll("[^\\p{Graph}]", "?");
        return (method.length() > 32) ? method.substring(0, 32) + "…" : method;
    }

    /**
     * @param name a header name, full or compact
     * @return how many fields of that name the message has (a field that lists several values counts once)
     */
    public int count(String name) {
        String key = HeaderNames.key(name);
        int count = 0;
        for (HeaderFields.Field field : this.headers) {
            if (field.key().equals(key)) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param name a header name, full or compact
     * @return the value of its first field, or {@code null}
     */
    public String first(String name) {
        return HeaderFields.first(this.headers, name);
    }

    /**
     * @param name a header name, full or compact
     * @return the values of its fields, in order
     */
    public List<String> all(String name) {
        return HeaderFields.all(this.headers, name);
    }

    /** @return the transport the top Via names ("UDP", "TCP", "SCTP"…), or {@code null} if it cannot be read */
    public String topViaTransport() {
        String via = this.first(HeaderNames.VIA);
        if (via == null) {
            return null;
        }
        Matcher matcher = SENT_PROTOCOL.matcher(via);
        return matcher.find() ? matcher.group(3) : null;
    }

    /**
     * Writes a response to this request from its own header fields, for a request the stack cannot or must not take.
     * @param status the status code
     * @param reason the reason phrase
     * @return the response, or {@code null} if the request has no Via to send it back along
     */
    public byte[] answer(int status, String reason) {
        List<String> vias = this.all(HeaderNames.VIA);
        if (vias.isEmpty()) {
            return null;
        }
        StringBuilder response = new StringBuilder(256).append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : vias) {
            response.append("Via: ").append(via).append("\r\n");
        }
        this.copy(response, HeaderNames.FROM);
        String to = this.first(HeaderNames.TO);
        if (to != null) {
            boolean tagged = to.toLowerCase(Locale.ROOT).matches(".*;\\s*tag\\s*=.*");
            response.append("To: ").append(to).append(tagged ? "" : ";tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)).append("\r\n");
        }
        this.copy(response, HeaderNames.CALL_ID);
        this.copy(response, HeaderNames.CSEQ);
        response.append("Content-Length: 0\r\n\r\n");
        return response.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void copy(StringBuilder response, String name) {
        String value = this.first(name);
        if (value != null) {
            response.append(name).append(": ").append(value).append("\r\n");
        }
    }
}
