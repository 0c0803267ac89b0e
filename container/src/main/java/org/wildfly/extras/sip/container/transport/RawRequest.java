package org.wildfly.extras.sip.container.transport;

/**
 * A request: method, request-URI, header fields and body.
 */
public final class RawRequest extends RawMessage {

    private final String method;
    private String requestUri;
    // the transport's own form of the request-URI, as for a header field's; dropped when the URI changes
    private volatile Object parsedRequestUri;

    public RawRequest(String method, String requestUri, HeaderFields headers, byte[] content) {
        this(method, requestUri, null, headers, content);
    }

    /**
     * @param parsedRequestUri the transport's own form of the request-URI it read, to send the URI on without a parse;
     *        {@code null} if none
     */
    public RawRequest(String method, String requestUri, Object parsedRequestUri, HeaderFields headers, byte[] content) {
        super(headers, content);
        this.method = method;
        this.requestUri = requestUri;
        this.parsedRequestUri = parsedRequestUri;
    }

    /** @return a deep copy, to be changed without touching this one (a proxy's branch request) */
    public RawRequest copy() {
        return new RawRequest(this.method, this.requestUri, this.parsedRequestUri, new HeaderFields(this.headers()), (this.content() != null) ? this.content().clone() : null);
    }

    /**
     * The CANCEL of this INVITE (RFC 3261 §9.1): its request-URI, top Via, From, To, Call-ID, Route and CSeq number.
     * @return the CANCEL, to be sent in a transaction of its own
     */
    public RawRequest cancelling() {
        HeaderFields headers = new HeaderFields();
        headers.add(HeaderNames.VIA, this.headers().first(HeaderNames.VIA));
        for (String name : new String[] { HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.ROUTE }) {
            for (String value : this.headers().all(name)) {
                headers.add(name, value);
            }
        }
        String cseq = this.headers().first(HeaderNames.CSEQ).trim();
        headers.add(HeaderNames.CSEQ, cseq.substring(0, cseq.indexOf(' ')) + " CANCEL");
        headers.add(HeaderNames.MAX_FORWARDS, "70");
        return new RawRequest("CANCEL", this.requestUri, headers, null);
    }

    /**
     * Reads back a request this container encoded ({@link #encode()}): the form in which a pending request is kept in
     * replicated session data, for a node that takes the call over.
     * @param message the encoded request
     * @return the request
     * @throws IllegalArgumentException if it is not an encoded request
     */
    public static RawRequest decode(byte[] message) {
        MessageHead head = MessageHead.parse(message);
        String[] start = head.startLine().split(" ");
        if (!head.isRequest() || start.length != 3) {
            throw new IllegalArgumentException("Not an encoded request: " + head.startLine());
        }
        return new RawRequest(start[0], start[1], fields(head), body(message));
    }

    public String method() {
        return this.method;
    }

    public String requestUri() {
        return this.requestUri;
    }

    public void setRequestUri(String requestUri) {
        if (!requestUri.equals(this.requestUri)) {
            this.parsedRequestUri = null;
        }
        this.requestUri = requestUri;
    }

    @Override
    public void settle() {
        super.settle();
        this.parsedRequestUri = null;
    }

    /** @return the transport's own form of the request-URI, if it read this one; else {@code null} */
    public Object parsedRequestUri() {
        return this.parsedRequestUri;
    }

    @Override
    public String startLine() {
        return this.method + ' ' + this.requestUri + " SIP/2.0";
    }
}
