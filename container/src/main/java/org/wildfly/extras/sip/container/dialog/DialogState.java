package org.wildfly.extras.sip.container.dialog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    // the subscriptions this dialog carries (RFC 6665 §4.5.2: event package and id), "package" or "package;id=x"
    private final List<String> subscriptions = new ArrayList<>();
    // set up by a SUBSCRIBE, REFER or NOTIFY rather than an INVITE: it ends with its last subscription (RFC 6665 §4.5.2)
    private boolean subscriptionUsage;
    // the method of the peer's request with the CSeq number remoteSequence that the application was shown, null for
    // none, and the final response it answered, encoded, null while none: the same request that comes again by another
    // path (the balancer gave it to another node while this one was paused, and both read it) was handled, is not shown
    // again, and gets that response again, as its transaction would resend it
    private String handledMethod;
    private byte[] handledAnswer;

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

    /**
     * The application is shown a request of the peer's whose CSeq number was accepted ({@link #acceptRemoteSequence}).
     * @param method its method
     */
    public void handling(String method) {
        this.handledMethod = method;
        this.handledAnswer = null;
    }

    /**
     * The application answered a request of the peer's finally.
     * @param sequence its CSeq number
     * @param method its method
     * @param answer the final response, encoded
     */
    public void answered(long sequence, String method, byte[] answer) {
        if (sequence == this.remoteSequence && method.equals(this.handledMethod)) {
            this.handledAnswer = answer;
        }
    }

    /**
     * A request of the peer's with the CSeq number and method of one the application was shown is that request again, by
     * another path: a new request in a dialog has a higher CSeq number (RFC 3261 §12.2.1.1), and the one path's own
     * resends are its transaction's.
     * @param sequence a request's CSeq number
     * @param method its method (not ACK or CANCEL, which share their INVITE's number)
     * @return whether the application was shown it; {@link #handledAnswer} is its answer, if it has one yet
     */
    public boolean handledBefore(long sequence, String method) {
        return sequence == this.remoteSequence && method.equals(this.handledMethod);
    }

    /** @return the method of the last request of the peer's shown to the application, {@code null} for none */
    public String handledMethod() {
        return this.handledMethod;
    }

    /** @return the final response the application answered that request, encoded; {@code null} while none */
    public byte[] handledAnswer() {
        return this.handledAnswer;
    }

    /** Restores what {@link #handling} and {@link #answered} recorded (a node reading the dialog another wrote). */
    public void handled(String method, byte[] answer) {
        this.handledMethod = method;
        this.handledAnswer = answer;
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

    /** @return the subscriptions of this dialog, as {@link #subscription} names them */
    public List<String> subscriptions() {
        return List.copyOf(this.subscriptions);
    }

    /** @return whether this dialog was set up by a SUBSCRIBE, REFER or NOTIFY, and lives as long as its subscriptions */
    public boolean isSubscriptionUsage() {
        return this.subscriptionUsage;
    }

    /** Marks this dialog as set up by a SUBSCRIBE, REFER or NOTIFY. */
    public void setSubscriptionUsage(boolean subscriptionUsage) {
        this.subscriptionUsage = subscriptionUsage;
    }

    /** A subscription of this dialog began (a 2xx to SUBSCRIBE or REFER, or a NOTIFY). */
    public void subscribed(String subscription) {
        if (this.findSubscription(subscription) < 0) {
            this.subscriptions.add(subscription);
        }
    }

    /**
     * A subscription of this dialog ended (RFC 6665 §4.4.1: a NOTIFY with {@code Subscription-State: terminated}).
     * @return whether the dialog has no subscription left
     */
    public boolean unsubscribed(String subscription) {
        int found = this.findSubscription(subscription);
        if (found >= 0) {
            this.subscriptions.remove(found);
        }
        return this.subscriptions.isEmpty();
    }

    // the same package, and the same id, or no id on one side: the first REFER's NOTIFY may carry its CSeq as id (RFC 3515 §2.4.6)
    private int findSubscription(String subscription) {
        String event = subscription.substring(0, idStart(subscription));
        String id = subscription.substring(idStart(subscription));
        for (int i = 0; i < this.subscriptions.size(); i++) {
            String known = this.subscriptions.get(i);
            String knownId = known.substring(idStart(known));
            if (known.substring(0, idStart(known)).equals(event) && (knownId.equals(id) || knownId.isEmpty() || id.isEmpty())) {
                return i;
            }
        }
        return -1;
    }

    private static int idStart(String subscription) {
        int semicolon = subscription.indexOf(';');
        return (semicolon >= 0) ? semicolon : subscription.length();
    }

    /**
     * The name of a subscription (RFC 6665 §8.2.1) from an Event header: its package, lower case, and its id parameter.
     * @param event the Event header's value, or {@code null} (a REFER's implied subscription: "refer")
     * @param defaultPackage the package when there is no Event header
     * @return "package" or "package;id=x"
     */
    public static String subscription(String event, String defaultPackage) {
        if (event == null || event.isBlank()) {
            return defaultPackage;
        }
        String[] parts = event.split(";");
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "id=", 0, 3)) {
                return name + ";id=" + parameter.substring(3).trim();
            }
        }
        return name;
    }

    @Override
    public String toString() {
        return String.format("%s dialog %s;local-tag=%s;remote-tag=%s (%s)", this.role, this.callId, this.localTag, this.remoteTag, this.state);
    }
}
