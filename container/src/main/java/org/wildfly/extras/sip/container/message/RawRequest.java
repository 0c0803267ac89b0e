package org.wildfly.extras.sip.container.message;

/**
 * A request: method, request-URI, header fields and body.
 */
public final class RawRequest extends RawMessage {

    private final String method;
    private String requestUri;

    public RawRequest(String method, String requestUri, HeaderFields headers, byte[] content) {
        super(headers, content);
        this.method = method;
        this.requestUri = requestUri;
    }

    /** @return a deep copy, to be changed without touching this one (a proxy's branch request) */
    public RawRequest copy() {
        return new RawRequest(this.method, this.requestUri, new HeaderFields(this.headers()), (this.content() != null) ? this.content().clone() : null);
    }

    public String method() {
        return this.method;
    }

    public String requestUri() {
        return this.requestUri;
    }

    public void setRequestUri(String requestUri) {
        this.requestUri = requestUri;
    }

    @Override
    public String startLine() {
        return this.method + ' ' + this.requestUri + " SIP/2.0";
    }
}
