package org.wildfly.extras.sip.container.transport;

/**
 * A response: status code, reason phrase, header fields and body.
 */
public final class RawResponse extends RawMessage {

    private int status;
    private String reason;

    public RawResponse(int status, String reason, HeaderFields headers, byte[] content) {
        super(headers, content);
        this.status = status;
        this.reason = reason;
    }

    /**
     * A response to a request, with the header fields RFC 3261 §8.2.6.2 copies from it (Via, From, To, Call-ID, CSeq).
     * @param request the request answered
     * @param status the status code
     * @param reason the reason phrase, or {@code null} for the standard one
     * @return the response, without a To tag
     */
    public static RawResponse answering(RawRequest request, int status, String reason) {
        HeaderFields headers = new HeaderFields();
        for (String name : new String[] { HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ }) {
            headers.addAll(request.headers(), name);
        }
        return new RawResponse(status, (reason != null) ? reason : ReasonPhrases.of(status), headers, null);
    }

    /**
     * Reads back a response this container encoded ({@link #encode()}): the form in which a 2xx that waits for the
     * application's ACK is kept in replicated session data.
     * @param message the encoded response
     * @return the response
     * @throws IllegalArgumentException if it is not an encoded response
     */
    public static RawResponse decode(byte[] message) {
        MessageHead head = MessageHead.parse(message);
        String[] start = head.startLine().split(" ", 3);
        if (head.isRequest() || start.length < 2) {
            throw new IllegalArgumentException("Not an encoded response: " + head.startLine());
        }
        return new RawResponse(Integer.parseInt(start[1]), (start.length > 2) ? start[2] : "", fields(head), body(message));
    }

    /** @return a deep copy, to be changed without touching this one (the response a proxy forwards) */
    public RawResponse copy() {
        return new RawResponse(this.status, this.reason, new HeaderFields(this.headers()), (this.content() != null) ? this.content().clone() : null);
    }

    public int status() {
        return this.status;
    }

    public String reason() {
        return this.reason;
    }

    public void setStatus(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + this.status + ' ' + this.reason;
    }
}
