package org.wildfly.extras.sip.container.session;

import java.io.Serializable;
import java.util.Objects;

/**
 * A request the application keeps as a session attribute, in the form the session's data holds it: which SIP session it
 * belongs to, which way it went, which request it is, and the message as encoded. The data stays replicable; the
 * application reads back the live request on the node that has it, or one rebuilt from this on a node that took the
 * call over. (A plain class, not a record: every marshaller of the cache containers reads it.)
 */
public final class StoredRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String sipSessionId;
    private final boolean received;
    private final String callId;
    private final String cseq;
    private final byte[] message;

    /**
     * @param sipSessionId the SIP session of the request
     * @param received whether the container received it ({@code false}: the application created it)
     * @param callId its Call-ID
     * @param cseq its CSeq
     * @param message the request as encoded when it was stored
     */
    public StoredRequest(String sipSessionId, boolean received, String callId, String cseq, byte[] message) {
        this.sipSessionId = sipSessionId;
        this.received = received;
        this.callId = callId;
        this.cseq = cseq;
        this.message = message;
    }

    public String sipSessionId() {
        return this.sipSessionId;
    }

    public boolean received() {
        return this.received;
    }

    public String callId() {
        return this.callId;
    }

    public String cseq() {
        return this.cseq;
    }

    public byte[] message() {
        return this.message;
    }

    /** @return whether both name the same request (the encoded form may differ: a request stored before it was sent) */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRequest stored && stored.received == this.received && stored.sipSessionId.equals(this.sipSessionId)
                && Objects.equals(stored.callId, this.callId) && Objects.equals(stored.cseq, this.cseq);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.sipSessionId, this.callId, this.cseq);
    }

    @Override
    public String toString() {
        return "request " + this.cseq + " of SIP session " + this.sipSessionId;
    }
}
