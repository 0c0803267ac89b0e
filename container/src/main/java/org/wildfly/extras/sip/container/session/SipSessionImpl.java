package org.wildfly.extras.sip.container.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionActivationListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionBindingListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * A SIP session (JSR 289 §6.2) over its replicable {@link SipSessionData}, inside its application session.
 */
public final class SipSessionImpl extends SessionBase<SipSessionData> implements SipSession {

    private final java.util.Map<String, String> corresponding = new java.util.concurrent.ConcurrentHashMap<>(1);
    private final SipApplicationSessionImpl applicationSession;
    private volatile SipSessionData data;
    // node-local: transactions in progress on this node, which keep the session from being ready to invalidate
    private int ongoingTransactions;
    // node-local: whether a transaction of this session ever started here; a session the application made and has not
    // used yet is not ready to invalidate (it may send its first request later, in another message)
    private boolean used;
    private volatile InetSocketAddress outboundInterface;
    // node-local: messages of transactions in progress here, which a B2BUA asks for (JSR 289 §12.3); they die with their transactions
    private final List<Object> userAgentServerMessages = new java.util.ArrayList<>();
    private final List<Object> userAgentClientMessages = new java.util.ArrayList<>();
    // node-local: whether a pending INVITE of this session was rebuilt here from the data (its node died)
    private boolean takenOver;

    SipSessionImpl(SipSessionData data, SipApplicationSessionImpl applicationSession) {
        this.data = data;
        this.applicationSession = applicationSession;
    }

    /** @return the data this session reads and changes */
    @Override
    public SipSessionData data() {
        return this.data;
    }

    void bind(SipSessionData data) {
        this.data = data;
    }

    /** A transaction of this session started or ended on this node. */
    public void transactionStarted() {
        this.ongoingTransactions++;
        this.used = true;
    }

    public void transactionEnded() {
        this.ongoingTransactions = Math.max(0, this.ongoingTransactions - 1);
    }

    /**
     * @param server {@code true} for messages this session received as UAS, {@code false} for those of its UAC side
     * @return the live list of the messages a B2BUA may still act on; the container prunes it
     */
    public List<Object> userAgentMessages(boolean server) {
        return server ? this.userAgentServerMessages : this.userAgentClientMessages;
    }

    /**
     * The initial INVITE of this session while it waits for its final response: the one this node holds, or, on a node
     * that took the call in set-up over, one rebuilt from the session's data, kept from then on.
     * @param received {@code true} for the INVITE this session received (UAS), {@code false} for the one it sent (UAC)
     * @return the INVITE, or {@code null} if there is none waiting
     */
    public SipServletRequest pendingInvite(boolean received) {
        byte[] stored = received ? this.data.receivedInvite() : this.data.sentInvite();
        if (stored == null) {
            return null;
        }
        SipServletRequest held = this.heldInitialInvite(received);
        if (held != null) {
            return held;
        }
        SipServletRequest rebuilt = this.applicationSession.context().takeOverInvite(this, stored, received);
        this.userAgentMessages(received).add(rebuilt);
        this.takenOver = true;
        return rebuilt;
    }

    /**
     * Makes sure the messages of this session's UAC side include the 2xx to INVITE it received and its application has
     * not acknowledged, when another node received it (the caller's ACK reached this node): rebuilt from the data.
     */
    public void pendingSuccess() {
        byte[] stored = this.data.receivedSuccess();
        if (stored == null) {
            return;
        }
        String cseq = cseqOf(stored);
        for (Object message : this.userAgentClientMessages) {
            if (message instanceof javax.servlet.sip.SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300
                    && cseq != null && cseq.equals(response.getHeader("CSeq"))) {
                return; // this node received it: the live one is there
            }
        }
        this.userAgentClientMessages.add(this.applicationSession.context().takeOverSuccess(this, stored));
    }

    /** @return the CSeq of a message as the container encodes it (full header names, one per line), or {@code null} */
    private static String cseqOf(byte[] encoded) {
        String text = new String(encoded, java.nio.charset.StandardCharsets.UTF_8);
        int start = text.indexOf("\r\nCSeq: ");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("\r\n", start + 2);
        return text.substring(start + "\r\nCSeq: ".length(), (end > 0) ? end : text.length()).trim();
    }

    /**
     * @param received {@code true} for the INVITE this session received, {@code false} for the one it sent
     * @return whether this node holds that INVITE as it received or sent it (not one rebuilt after a takeover)
     */
    public boolean holdsInitialInvite(boolean received) {
        return this.heldInitialInvite(received) != null && !this.takenOver;
    }

    private SipServletRequest heldInitialInvite(boolean received) {
        for (Object message : this.userAgentMessages(received)) {
            if (message instanceof SipServletRequest request && request.isInitial() && request.getMethod().equals("INVITE")) {
                return request;
            }
        }
        return null;
    }

    /**
     * Records that this session was started by an INVITE whose Join or Replaces header named another session's dialog
     * (node-local, as the request is: {@code SipSessionsUtil.getCorrespondingSipSession}).
     * @param header "Join" or "Replaces"
     * @param sipSessionId the session of the dialog named
     */
    public void corresponds(String header, String sipSessionId) {
        this.corresponding.put(header.toLowerCase(java.util.Locale.ROOT), sipSessionId);
    }

    /** @return the id of the session the Join or Replaces header that started this one named, or {@code null} */
    public String correspondingSessionId(String header) {
        return this.corresponding.get(header.toLowerCase(java.util.Locale.ROOT));
    }

    /** @return the interface chosen with {@link #setOutboundInterface}, or {@code null} */
    public InetSocketAddress outboundInterface() {
        return this.outboundInterface;
    }

    /** Tells activation listeners, declared or held as attributes, that this session was activated on this node. */
    void activate() {
        this.tellActivationListeners(SipSessionActivationListener::sessionDidActivate);
    }

    void passivate() {
        this.tellActivationListeners(SipSessionActivationListener::sessionWillPassivate);
    }

    private void tellActivationListeners(java.util.function.BiConsumer<SipSessionActivationListener, SipSessionEvent> call) {
        SipSessionEvent event = new SipSessionEvent(this);
        this.applicationSession.context().listeners().sipSessionActivation(listener -> call.accept(listener, event));
        for (Object value : List.copyOf(this.data.attributes().values())) {
            if (value instanceof SipSessionActivationListener listener) {
                SessionListeners.notifyOne(listener, l -> call.accept(l, event));
            }
        }
    }

    /** Records an access by a message of this session. */
    public void access() {
        this.data.setLastAccessedTime(this.applicationSession.context().now());
        this.applicationSession.access();
    }

    @Override
    public void invalidate() {
        this.checkValid();
        for (String name : List.copyOf(this.data.attributes().keySet())) {
            this.removeAttribute(name);
        }
        this.applicationSession.context().listeners().sipSession(listener -> listener.sessionDestroyed(new SipSessionEvent(this)));
        this.data.invalidate();
    }

    @Override
    public boolean isReadyToInvalidate() {
        this.checkValid();
        SipSessionData.State state = this.data.state();
        return state == SipSessionData.State.TERMINATED || (state == SipSessionData.State.INITIAL && this.ongoingTransactions == 0 && this.used);
    }

    @Override
    public SipApplicationSession getApplicationSession() {
        return this.applicationSession;
    }

    @Override
    public String getCallId() {
        return this.data.callId();
    }

    @Override
    public Address getLocalParty() {
        DialogState dialog = this.data.dialog();
        return this.party(this.data.localParty(), (dialog != null) ? dialog.localTag() : null);
    }

    @Override
    public Address getRemoteParty() {
        DialogState dialog = this.data.dialog();
        return this.party(this.data.remoteParty(), (dialog != null) ? dialog.remoteTag() : null);
    }

    @Override
    public SipServletRequest createRequest(String method) {
        this.checkValid();
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException(method + " is created from its INVITE's response or request: use createAck() or createCancel()");
        }
        if (this.data.state() == SipSessionData.State.TERMINATED) {
            throw new IllegalStateException("SIP session " + this.getId() + " is terminated: its dialog takes no new request");
        }
        return this.applicationSession.context().createRequest(this, method);
    }

    @Override
    public void setHandler(String name) throws ServletException {
        this.checkValid();
        this.applicationSession.context().checkHandler(name);
        this.data.setHandler(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        this.checkValid();
        return Collections.enumeration(List.copyOf(this.data.attributes().keySet()));
    }

    @Override
    public State getState() {
        this.checkValid();
        return State.valueOf(this.data.state().name());
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        this.checkValid();
        this.checkOutboundInterface(address);
        this.outboundInterface = address;
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        this.checkValid();
        if (address == null) {
            throw new NullPointerException("address");
        }
        this.setOutboundInterface(new InetSocketAddress(address, 0));
    }

    /**
     * @param address an interface an application chose for this session's requests, or a proxy's
     * @throws NullPointerException if it is {@code null}
     * @throws IllegalArgumentException if the container does not listen there (JSR 289: one of the
     *         {@code javax.servlet.sip.outboundInterfaces})
     */
    public void checkOutboundInterface(InetSocketAddress address) {
        if (address == null) {
            throw new NullPointerException("address");
        }
        if (!this.applicationSession.context().isOutboundInterface(address)) {
            throw new IllegalArgumentException(address + " is not an interface this container listens on: use one of the javax.servlet.sip.outboundInterfaces context attribute");
        }
    }

    @Override
    public boolean isValid() {
        return this.data.isValid() && this.applicationSession.isValid();
    }

    @Override
    public SipApplicationRoutingRegion getRegion() {
        this.checkValid();
        return region(this.data.routingRegion());
    }

    @Override
    public URI getSubscriberURI() {
        this.checkValid();
        String uri = this.data.subscriberUri();
        if (uri == null) {
            return null;
        }
        try {
            return Uris.of(SipGrammar.parseUri(uri), Mode.READ_ONLY);
        } catch (SyntaxException e) {
            return null;
        }
    }

    /** @return the region named, or {@code null} */
    public static SipApplicationRoutingRegion region(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "ORIGINATING" -> SipApplicationRoutingRegion.ORIGINATING_REGION;
            case "TERMINATING" -> SipApplicationRoutingRegion.TERMINATING_REGION;
            default -> SipApplicationRoutingRegion.NEUTRAL_REGION;
        };
    }

    @Override
    public ServletContext getServletContext() {
        return this.applicationSession.context().servletContext();
    }

    @Override
    String describe() {
        return "SIP session " + this.getId();
    }

    @Override
    SessionContext sessionContext() {
        return this.applicationSession.context();
    }

    @Override
    SipApplicationSessionImpl applicationSession() {
        return this.applicationSession;
    }

    @Override
    void changed() {
        this.applicationSession.context().changed(this.applicationSession);
    }

    @Override
    void valueBound(String name, Object value, boolean bound) {
        if (value instanceof SipSessionBindingListener listener) {
            SipSessionBindingEvent event = new SipSessionBindingEvent(this, name);
            SessionListeners.notifyOne(listener, l -> {
                if (bound) {
                    l.valueBound(event);
                } else {
                    l.valueUnbound(event);
                }
            });
        }
    }

    @Override
    void attributeChanged(String name, AttributeChange change) {
        SipSessionBindingEvent event = new SipSessionBindingEvent(this, name);
        this.applicationSession.context().listeners().sipSessionAttribute(switch (change) {
            case ADDED -> listener -> listener.attributeAdded(event);
            case REPLACED -> listener -> listener.attributeReplaced(event);
            case REMOVED -> listener -> listener.attributeRemoved(event);
        });
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof SipSessionImpl other && this.getId().equals(other.getId());
    }

    @Override
    public int hashCode() {
        return this.getId().hashCode();
    }

    @Override
    public String toString() {
        return "SipSession " + this.getId() + " (" + this.data.state() + ", Call-ID " + this.data.callId() + ")";
    }

    private Address party(String address, String tag) {
        if (address == null) {
            return null;
        }
        Address party = this.applicationSession.context().readOnlyAddress(address);
        if (tag == null) {
            return party;
        }
        Address tagged = (Address) party.clone();
        tagged.setParameter("tag", tag);
        return this.applicationSession.context().readOnlyAddress(tagged.toString());
    }

}
