package org.wildfly.extras.sip.container.dialog;

import java.io.Serializable;
import java.util.List;

/**
 * What RFC 3261 §12 says a user agent keeps for a dialog, as plain data: it lives in the SIP session and is replicated
 * with it, so that a node taking over a call can go on with the dialog.
 */
public final class DialogState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which side of the dialog we are. */
    public enum Role {
        UAC,
        UAS,
    }

    /** The dialog's life cycle. */
    public enum State {
        EARLY,
        CONFIRMED,
        TERMINATED,
    }

    private final Role role;
    private final String callId;
    private final String localTag;
    private String remoteTag;
    private final String localAddress;
    private final String remoteAddress;
    private long localSequence;
    private long remoteSequence;
    private String remoteTarget;
    private List<String> routeSet;
    private final boolean secure;
    private State state;
    // the CSeq number of our 2xx to INVITE that waits for its ACK, 0 for none: data, so that the node that sent the 2xx
    // learns of an ACK another node received, and ends no dialog that was acknowledged there
    private long awaitedAck;
    // when any node may end the dialog for want of that ACK (the node that sent the 2xx died), 0 for never
    private long ackOverdueAt;

    /**
     * @param role UAC or UAS
     * @param callId the Call-ID
     * @param localTag our tag
     * @param remoteTag the peer's tag; {@code null} until known
     * @param localAddress our address (From of a UAC, To of a UAS) without its tag
     * @param remoteAddress the peer's address without its tag
     * @param localSequence the last CSeq number we sent in this dialog, 0 for none
     * @param remoteSequence the last CSeq number we received, -1 for none
     * @param remoteTarget the peer's Contact URI
     * @param routeSet the route set, in the order of the Route headers we will send
     * @param secure whether the dialog was set up with a sips URI over TLS
     * @param state EARLY or CONFIRMED
     */
    public DialogState(Role role, String callId, String localTag, String remoteTag, String localAddress, String remoteAddress, long localSequence, long remoteSequence, String remoteTarget, List<String> routeSet, boolean secure, State state) {
        this.role = role;
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.localSequence = localSequence;
        this.remoteSequence = remoteSequence;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.secure = secure;
        this.state = state;
    }

    public Role role() {
        return this.role;
    }

    public String callId() {
        return this.callId;
    }

    public String localTag() {
        return this.localTag;
    }

    public String remoteTag() {
        return this.remoteTag;
    }

    public String localAddress() {
        return this.localAddress;
    }

    public String remoteAddress() {
        return this.remoteAddress;
    }

    public long localSequence() {
        return this.localSequence;
    }

    public long remoteSequence() {
        return this.remoteSequence;
    }

    public String remoteTarget() {
        return this.remoteTarget;
    }

    public List<String> routeSet() {
        return this.routeSet;
    }

    public boolean isSecure() {
        return this.secure;
    }

    public State state() {
        return this.state;
    }

    /** @return the CSeq number for our next request in this dialog, counted as sent */
    public long nextLocalSequence() {
        return ++this.localSequence;
    }

    /**
     * Accepts the CSeq number of a request from the peer (RFC 3261 §12.2.2).
     * @param sequence the request's CSeq number
     * @return {@code false} if it is lower than one already received: the request is out of order and gets 500
     */
    public boolean acceptRemoteSequence(long sequence) {
        if (this.remoteSequence >= 0 && sequence < this.remoteSequence) {
            return false;
        }
        this.remoteSequence = sequence;
        return true;
    }

    /** A target refresh request or its 2xx named a new Contact. */
    public void setRemoteTarget(String remoteTarget) {
        this.remoteTarget = remoteTarget;
    }

    /** A 2xx of a UAC's early dialog completes its remote tag and route set. */
    public void confirm(String remoteTag, List<String> routeSet) {
        this.remoteTag = remoteTag;
        this.routeSet = List.copyOf(routeSet);
        this.state = State.CONFIRMED;
    }

    public void setState(State state) {
        this.state = state;
    }

    /**
     * @param sequence the CSeq number of the 2xx to INVITE we sent, which waits for its ACK (RFC 3261 §13.3.1.4); 0 for none
     * @param overdueAt when, in milliseconds since the epoch, any node may end the dialog if the ACK has not come; 0 for never
     */
    public void awaitAck(long sequence, long overdueAt) {
        this.awaitedAck = sequence;
        this.ackOverdueAt = (sequence != 0) ? overdueAt : 0;
    }

    /** @param sequence the CSeq number of an ACK received, or of a 2xx no longer waited for */
    public void acknowledged(long sequence) {
        if (this.awaitedAck == sequence) {
            this.awaitedAck = 0;
            this.ackOverdueAt = 0;
        }
    }

    /** @return when any node may end the dialog for want of the awaited ACK, in milliseconds since the epoch; 0 for never */
    public long ackOverdueAt() {
        return this.ackOverdueAt;
    }

    /** @return the CSeq number of the 2xx to INVITE that waits for its ACK, 0 for none */
    public long awaitedAck() {
        return this.awaitedAck;
    }

    @Override
    public String toString() {
        return String.format("%s dialog %s;local-tag=%s;remote-tag=%s (%s)", this.role, this.callId, this.localTag, this.remoteTag, this.state);
    }
}
