package org.wildfly.extras.sip.container.transport;

import java.nio.charset.StandardCharsets;

/**
 * A SIP message as text fields, the form in which messages cross between the container and the transport.
 */
public abstract sealed class RawMessage permits RawRequest, RawResponse {

    private static final byte[] NO_CONTENT = new byte[0];

    private final HeaderFields headers;
    private byte[] content;

    RawMessage(HeaderFields headers, byte[] content) {
        this.headers = headers;
        this.content = (content != null) ? content : NO_CONTENT;
    }

    public HeaderFields headers() {
        return this.headers;
    }

    /** @return the body; empty when there is none */
    public byte[] content() {
        return this.content;
    }

    public void setContent(byte[] content) {
        this.content = (content != null) ? content : NO_CONTENT;
    }

    /** Keeps the message's text only: see {@link HeaderFields.Field#settle()}. */
    public void settle() {
        this.headers.settle();
    }

    /** @return the Call-ID */
    public String callId() {
        return this.headers.first(HeaderNames.CALL_ID);
    }

    /** @return the start line, without CRLF */
    public abstract String startLine();

    /** @return the message as it goes on the wire, with a Content-Length that matches the body */
    public byte[] encode() {
        StringBuilder builder = new StringBuilder(512).append(this.startLine()).append("\r\n");
        for (HeaderFields.Field field : this.headers.fields()) {
            if (!HeaderNames.same(field.name(), HeaderNames.CONTENT_LENGTH)) {
                builder.append(field.name()).append(": ").append(field.value()).append("\r\n");
            }
        }
        builder.append(HeaderNames.CONTENT_LENGTH).append(": ").append(this.content.length).append("\r\n\r\n");
        byte[] head = builder.toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + this.content.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(this.content, 0, message, head.length, this.content.length);
        return message;
    }

    /** @return the header fields of a message's head, as a decoder gives them to a new message */
    static HeaderFields fields(MessageHead head) {
        HeaderFields headers = new HeaderFields();
        for (HeaderFields.Field field : head.headers()) {
            headers.add(field.name(), field.value());
        }
        return headers;
    }

    /** @return the body of an encoded message (what follows its empty line), or {@code null} if it has none */
    static byte[] body(byte[] message) {
        for (int index = 3; index < message.length; index++) {
            if (message[index] == '\n' && message[index - 1] == '\r' && message[index - 2] == '\n' && message[index - 3] == '\r') {
                return (index + 1 < message.length) ? java.util.Arrays.copyOfRange(message, index + 1, message.length) : null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return new String(this.encode(), StandardCharsets.UTF_8);
    }
}
