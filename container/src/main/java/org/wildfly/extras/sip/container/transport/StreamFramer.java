package org.wildfly.extras.sip.container.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cuts a stream of bytes (a TCP connection) into SIP messages by their Content-Length (RFC 3261 §18.3), within limits:
 * a header section longer than {@code maxHeaderSize} ends the connection, and a body that would make the message longer
 * than {@code maxMessageSize} is skipped as it arrives, never held. Memory grows with the bytes a peer actually sends,
 * not with what its Content-Length announces. Between messages, CRLFs are skipped; a double CRLF is a keep-alive ping
 * (RFC 5626 §4.4.1). One framer per connection, fed by one thread at a time.
 */
public final class StreamFramer {

    /** What the framer found. */
    public interface Sink {
        /**
         * A whole message.
         * @param message its start line, header fields and body
         */
        void message(byte[] message);

        /** A double CRLF between messages: the peer asks for a single CRLF back. */
        void keepAlive();

        /**
         * A message whose Content-Length makes it longer than the limit: its body is skipped as it arrives.
         * @param header its start line and header fields
         * @param contentLength the length it announced
         */
        void tooLarge(byte[] header, long contentLength);

        /**
         * Nothing more can be framed: the connection must close.
         * @param header the start line and header fields of the message that broke the framing, if they were read
         *        whole (so that a request can still be answered); {@code null} otherwise
         * @param reason what broke it
         */
        void broken(byte[] header, String reason);
    }

    private enum State { BETWEEN, HEADER, BODY, SKIP, BROKEN }

    private final int maxHeaderSize;
    private final int maxMessageSize;
    private State state = State.BETWEEN;
    private byte[] buffer = new byte[0];
    private int filled;
    private int messageLength; // header and body, once the header is read
    private long toSkip;
    private int lineBreaks; // consecutive CRLFs between messages
    private boolean sawCr;
    private long messageStart;

    /**
     * @param maxHeaderSize the longest header section, in bytes
     * @param maxMessageSize the longest message, in bytes
     */
    public StreamFramer(int maxHeaderSize, int maxMessageSize) {
        this.maxHeaderSize = maxHeaderSize;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * @param bytes what arrived
     * @param offset where it starts
     * @param length how many bytes
     * @param now the time, in nanoseconds, noted as the start of a message that begins here
     * @param sink takes what is found, in order
     * @return false once the framing is broken; nothing more is read
     */
    public boolean feed(byte[] bytes, int offset, int length, long now, Sink sink) {
        int index = offset;
        int end = offset + length;
        while (index < end) {
            switch (this.state) {
                case BETWEEN -> index = this.between(bytes, index, end, now, sink);
                case HEADER -> index = this.header(bytes, index, end, sink);
                case BODY -> index = this.body(bytes, index, end, sink);
                case SKIP -> index = this.skip(index, end);
                case BROKEN -> {
                    return false;
                }
            }
        }
        return this.state != State.BROKEN;
    }

    /** @return whether a message has begun and not yet ended */
    public boolean midMessage() {
        return this.state == State.HEADER || this.state == State.BODY || this.state == State.SKIP;
    }

    /** @return when the message under way began, as given to {@link #feed} */
    public long messageStart() {
        return this.messageStart;
    }

    /** @return the bytes held for the message under way */
    public int held() {
        return this.filled;
    }

    private int between(byte[] bytes, int index, int end, long now, Sink sink) {
        int at = index;
        while (at < end) {
            byte next = bytes[at];
            if (next == '\r') {
                this.sawCr = true;
            } else if (next == '\n') {
                if (this.sawCr && ++this.lineBreaks == 2) {
                    this.lineBreaks = 0;
                    sink.keepAlive();
                }
                this.sawCr = false;
            } else {
                this.lineBreaks = 0;
                this.sawCr = false;
                this.state = State.HEADER;
                this.messageStart = now;
                this.filled = 0;
                return at;
            }
            at++;
        }
        return at;
    }

    private int header(byte[] bytes, int index, int end, Sink sink) {
        int at = index;
        while (at < end) {
            byte next = bytes[at++];
            if (this.filled == this.maxHeaderSize) {
                this.breakOff(sink, null, "header section longer than " + this.maxHeaderSize + " bytes");
                return end;
            }
            this.append(next);
            if (next == '\n' && this.endsHeader()) {
                this.headerRead(sink);
                return at;
            }
        }
        return at;
    }

    private boolean endsHeader() {
        int last = this.filled - 1; // a '\n'
        if (last >= 1 && this.buffer[last - 1] == '\n') {
            return true;
        }
        return last >= 2 && this.buffer[last - 1] == '\r' && this.buffer[last - 2] == '\n';
    }

    private void headerRead(Sink sink) {
        byte[] header = Arrays.copyOf(this.buffer, this.filled);
        long contentLength;
        try {
            contentLength = contentLength(header);
        } catch (IllegalArgumentException e) {
            this.breakOff(sink, header, e.getMessage());
            return;
        }
        if (header.length + contentLength > this.maxMessageSize) {
            sink.tooLarge(header, contentLength);
            this.release();
            this.toSkip = contentLength;
            this.state = (contentLength > 0) ? State.SKIP : State.BETWEEN;
            return;
        }
        this.messageLength = header.length + (int) contentLength;
        if (contentLength == 0) {
            this.deliver(sink);
        } else {
            this.state = State.BODY;
        }
    }

    private int body(byte[] bytes, int index, int end, Sink sink) {
        int take = Math.min(end - index, this.messageLength - this.filled);
        this.ensure(this.filled + take);
        System.arraycopy(bytes, index, this.buffer, this.filled, take);
        this.filled += take;
        if (this.filled == this.messageLength) {
            this.deliver(sink);
        }
        return index + take;
    }

    private int skip(int index, int end) {
        long take = Math.min(end - index, this.toSkip);
        this.toSkip -= take;
        if (this.toSkip == 0) {
            this.state = State.BETWEEN;
        }
        return index + (int) take;
    }

    private void deliver(Sink sink) {
        byte[] message = Arrays.copyOf(this.buffer, this.filled);
        this.release();
        this.state = State.BETWEEN;
        sink.message(message);
    }

    private void breakOff(Sink sink, byte[] header, String reason) {
        this.release();
        this.state = State.BROKEN;
        sink.broken(header, reason);
    }

    private void release() {
        this.buffer = new byte[0];
        this.filled = 0;
    }

    private void append(byte next) {
        this.ensure(this.filled + 1);
        this.buffer[this.filled++] = next;
    }

    private void ensure(int capacity) {
        if (capacity > this.buffer.length) {
            this.buffer = Arrays.copyOf(this.buffer, Math.max(capacity, Math.min(Math.max(256, this.buffer.length * 2), this.maxMessageSize)));
        }
    }

    /**
     * @param header a header section
     * @return the value of its one Content-Length field, 0 if it has none
     * @throws IllegalArgumentException if it has several, or one that is not a number of bytes
     */
    static long contentLength(byte[] header) {
        String text = new String(header, StandardCharsets.ISO_8859_1);
        Long found = null;
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("l")) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException("more than one Content-Length");
            }
            String value = line.substring(colon + 1).trim();
            if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("Content-Length is not a number of bytes: " + BadInputLog.oneLine(value.length() > 20 ? value.substring(0, 20) : value));
            }
            found = Long.parseLong(value);
        }
        return (found != null) ? found : 0;
    }
}
