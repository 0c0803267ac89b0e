package org.wildfly.extras.sip.container.session;

import org.wildfly.extras.sip.container.dialog.DialogState;

/**
 * What a SIP session must carry to another node: its attributes, its handler, and its dialog.
 * Plain data: distributable session managers replicate it.
 */
public final class SipSessionData extends SessionMetadata {
    private static final long serialVersionUID = 1L;

    /** What the application does in this session, once it has decided (JSR 289 §6.2.3): act as a user agent, or proxy. */
    public enum Role {
        /** a user agent: UAC or UAS, alone or as one leg of a B2BUA */
        USER_AGENT,
        /** a proxy: it forwards the session's requests and responses */
        PROXY,
    }

    /** The dialog state of JSR 289 §6.2.3, as {@code javax.servlet.sip.SipSession.State} names it. */
    public enum State {
        INITIAL,
        EARLY,
        CONFIRMED,
        TERMINATED,
    }

    private String handler;
    private State state = State.INITIAL;
    private DialogState dialog;
    private String localParty;
    private String remoteParty;
    private String callId;
    private String routingRegion;
    private String subscriberUri;
    private Role role;
    private boolean recordRouted;
    private boolean supervised = true;
    private String linkedSessionId;
    // the initial INVITE this session received (UAS) or sent (UAC) while it waits for its final response, as encoded:
    // data, so that the node that takes a call in set-up over can still answer it, cancel it, or take its answer
    private byte[] receivedInvite;
    private byte[] sentInvite;
    // a 2xx to an INVITE this session sent, as received, until the application acknowledges it: data, so that a B2BUA
    // on whichever node the caller's ACK reaches acknowledges the callee's 2xx (B2buaHelper.getPendingMessages)
    private byte[] receivedSuccess;
    // a proxy's session whose dialog a SUBSCRIBE or REFER set up: a NOTIFY that ends the subscription ends it (RFC 6665 §4.3)
    private boolean proxiedSubscription;
    // a record-routing proxy's session: the To tag of the 2xx whose dialog it carries; a 2xx of the forked INVITE with
    // another tag gets a derived session (JSR 289 §6.2.3.2), and the requests of each dialog find their own
    private String proxiedDialogTag;

    /**
     * @param id the session id, random and node-neutral
     * @param creationTime when it was created, in epoch milliseconds
     * @param callId the Call-ID of its messages
     * @param localParty our address, as in From (UAC) or To (UAS), without tag
     * @param remoteParty the peer's address, without tag
     */
    public SipSessionData(String id, long creationTime, String callId, String localParty, String remoteParty) {
        super(id, creationTime);
        this.callId = callId;
        this.localParty = localParty;
        this.remoteParty = remoteParty;
    }

    /**
     * A SIP session derived from this one for another dialog of its forked INVITE (JSR 289 §6.2.3.2): the same Call-ID,
     * parties, handler, role, routing and proxying, no dialog, state or attributes of its own yet.
     * @param id the new session's id
     * @param creationTime when it is created, in epoch milliseconds
     */
    public SipSessionData derived(String id, long creationTime) {
        SipSessionData derived = new SipSessionData(id, creationTime, this.callId, this.localParty, this.remoteParty);
        derived.handler = this.handler;
        derived.role = this.role;
        derived.routingRegion = this.routingRegion;
        derived.subscriberUri = this.subscriberUri;
        derived.recordRouted = this.recordRouted;
        derived.supervised = this.supervised;
        return derived;
    }

    /** @return a copy of everything but the attributes, sharing the dialog: what a store writes apart from them */
    public SipSessionData withoutAttributes() {
        SipSessionData copy = new SipSessionData(this.id(), this.creationTime(), this.callId, this.localParty, this.remoteParty);
        this.copyStateTo(copy);
        copy.handler = this.handler;
        copy.state = this.state;
        copy.dialog = this.dialog;
        copy.routingRegion = this.routingRegion;
        copy.subscriberUri = this.subscriberUri;
        copy.role = this.role;
        copy.recordRouted = this.recordRouted;
        copy.supervised = this.supervised;
        copy.linkedSessionId = this.linkedSessionId;
        copy.receivedInvite = this.receivedInvite;
        copy.sentInvite = this.sentInvite;
        copy.receivedSuccess = this.receivedSuccess;
        copy.proxiedSubscription = this.proxiedSubscription;
        copy.proxiedDialogTag = this.proxiedDialogTag;
        return copy;
    }

    /** @return the name of the servlet that gets this session's requests and responses, or {@code null} for the main servlet */
    public String handler() {
        return this.handler;
    }

    public void setHandler(String handler) {
        this.handler = handler;
    }

    public State state() {
        return this.state;
    }

    public void setState(State state) {
        this.state = state;
    }

    /** @return for a record-routing proxy's session, the callee's tag of the dialog it carries; {@code null} before a 2xx */
    public String proxiedDialogTag() {
        return this.proxiedDialogTag;
    }

    public void setProxiedDialogTag(String proxiedDialogTag) {
        this.proxiedDialogTag = proxiedDialogTag;
    }

    /** @return whether this is a proxy's session whose dialog a SUBSCRIBE or REFER set up */
    public boolean proxiedSubscription() {
        return this.proxiedSubscription;
    }

    public void setProxiedSubscription(boolean proxiedSubscription) {
        this.proxiedSubscription = proxiedSubscription;
    }

    /** @return the dialog, or {@code null} before one is set up */
    public DialogState dialog() {
        return this.dialog;
    }

    public void setDialog(DialogState dialog) {
        this.dialog = dialog;
    }

    public String callId() {
        return this.callId;
    }

    public String localParty() {
        return this.localParty;
    }

    public String remoteParty() {
        return this.remoteParty;
    }

    /** @return the routing region the application router chose for the initial request (ORIGINATING, TERMINATING, NEUTRAL), or {@code null} */
    public String routingRegion() {
        return this.routingRegion;
    }

    /** @return the subscriber URI the application router named, or {@code null} */
    public String subscriberUri() {
        return this.subscriberUri;
    }

    public void setRouting(String routingRegion, String subscriberUri) {
        this.routingRegion = routingRegion;
        this.subscriberUri = subscriberUri;
    }

    /** @return the role the application took, or {@code null} while undecided */
    public Role role() {
        return this.role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    /** @return whether this proxy session record-routed its dialog, so that the dialog's requests come back through it */
    public boolean recordRouted() {
        return this.recordRouted;
    }

    /** @return whether the application sees the responses of this proxy session (JSR 289 {@code Proxy.setSupervised}) */
    public boolean supervised() {
        return this.supervised;
    }

    public void setProxying(boolean recordRouted, boolean supervised) {
        this.role = Role.PROXY;
        this.recordRouted = recordRouted;
        this.supervised = supervised;
    }

    /** @return the id of the SIP session a B2BUA linked to this one, in the same application session, or {@code null} */
    public String linkedSessionId() {
        return this.linkedSessionId;
    }

    public void setLinkedSessionId(String linkedSessionId) {
        this.linkedSessionId = linkedSessionId;
    }

    /** @return the initial INVITE this session received and has not answered finally, as encoded; {@code null} for none */
    public byte[] receivedInvite() {
        return this.receivedInvite;
    }

    public void setReceivedInvite(byte[] receivedInvite) {
        this.receivedInvite = receivedInvite;
    }

    /** @return the initial INVITE this session sent, with our Via, that has no final response yet, as encoded; {@code null} for none */
    public byte[] sentInvite() {
        return this.sentInvite;
    }

    public void setSentInvite(byte[] sentInvite) {
        this.sentInvite = sentInvite;
    }

    /** @return the 2xx to INVITE this session received and the application has not acknowledged, as encoded; {@code null} for none */
    public byte[] receivedSuccess() {
        return this.receivedSuccess;
    }

    public void setReceivedSuccess(byte[] receivedSuccess) {
        this.receivedSuccess = receivedSuccess;
    }
}
