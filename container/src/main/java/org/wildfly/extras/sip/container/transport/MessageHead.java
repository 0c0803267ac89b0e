package org.wildfly.extras.sip.container.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The start line and header fields of a received message as the peer wrote them, read without a parser that could
 * fail: what a transport checks before it hands a message to the stack's parser, and what it copies into a response
 * it sends itself (RFC 3261 §8.2.6: Via, From, To, Call-ID, CSeq).
 * @param startLine the first line, empty if there is none
 * @param headers the header fields in order, continuation lines joined, compact names made full
 */
public record MessageHead(String startLine, List<HeaderFields.Field> headers) {

    /**
     * @param message a message as received; only the part up to the first empty line is read
     * @return its head
     */
    public static MessageHead parse(byte[] message) {
        // only the header section is decoded: a body can be most of the message; lines are cut by hand, not by a
        // regular expression (this runs for every datagram, on the one thread that parses them)
        String text = new String(message, 0, headerEnd(message), StandardCharsets.UTF_8);
        List<HeaderFields.Field> headers = new ArrayList<>(16);
        String startLine = null;
        // the field being read: its name, where its value stands on its line, and, if it was folded over several
        // lines (RFC 3261 §7.3.1), the value so far; each field's value is one substring when it is not folded
        String name = null;
        int valueStart = 0;
        int valueEnd = 0;
        StringBuilder folded = null;
        int length = text.length();
        int lineStart = 0;
        while (lineStart <= length) {
            int newline = text.indexOf('\n', lineStart);
            int next = (newline < 0) ? length + 1 : newline + 1;
            int lineEnd = (newline < 0) ? length : newline;
            if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            int from = lineStart;
            lineStart = next;
            if (startLine == null) {
                String line = text.substring(from, lineEnd);
                if (!line.isBlank()) {
                    startLine = line.trim();
                }
                continue;
            }
            if (lineEnd > from && (text.charAt(from) == ' ' || text.charAt(from) == '\t') && name != null) {
                if (folded == null) {
                    folded = new StringBuilder().append(text, valueStart, valueEnd);
                }
                folded.append(' ').append(text.substring(from, lineEnd).trim());
                continue;
            }
            if (name != null) {
                headers.add(field(name, text, valueStart, valueEnd, folded));
            }
            folded = null;
            int colon = text.indexOf(':', from);
            name = (colon > from && colon < lineEnd) ? text.substring(from, colon).trim() : null;
            valueStart = colon + 1;
            valueEnd = lineEnd;
        }
        if (name != null) {
            headers.add(field(name, text, valueStart, valueEnd, folded));
        }
        return new MessageHead((startLine != null) ? startLine : "", List.copyOf(headers));
    }

    private static HeaderFields.Field field(String name, String text, int valueStart, int valueEnd, StringBuilder folded) {
        String value = (folded != null) ? folded.toString() : text.substring(valueStart, valueEnd);
        return new HeaderFields.Field(HeaderNames.full(name), value.trim());
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
        return sentTransport(via);
    }

    /**
     * @param via a Via field's value
     * @return the transport of its sent-protocol ("SIP/2.0/UDP host" gives "UDP"), {@code null} if it has none; by hand,
     *         not by a regular expression, as this runs for every datagram on the one thread that parses them
     */
    static String sentTransport(String via) {
        int index = skipSpace(via, 0);
        for (int part = 0; part < 2; part++) {
            int tokenStart = index;
            while (index < via.length() && via.charAt(index) != '/' && !isRegexSpace(via.charAt(index))) {
                index++;
            }
            if (index == tokenStart) {
                return null;
            }
            index = skipSpace(via, index);
            if (index == via.length() || via.charAt(index) != '/') {
                return null;
            }
            index = skipSpace(via, index + 1);
        }
        int transportStart = index;
        while (index < via.length() && !isRegexSpace(via.charAt(index)) && via.charAt(index) != ';' && via.charAt(index) != ',') {
            index++;
        }
        return (index > transportStart) ? via.substring(transportStart, index) : null;
    }

    private static int skipSpace(String text, int index) {
        while (index < text.length() && isRegexSpace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    /** @return whether a character is one a regular expression's {@code \s} matches */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
