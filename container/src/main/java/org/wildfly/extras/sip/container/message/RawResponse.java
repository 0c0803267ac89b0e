package org.wildfly.extras.sip.container.message;

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
