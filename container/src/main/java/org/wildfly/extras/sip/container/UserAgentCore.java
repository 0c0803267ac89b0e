package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipApplicationSession;

import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.dialog.Subscriptions;
import org.wildfly.extras.sip.container.message.MessageSender;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.syntax.UriSyntax;
import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.ua.RecentAcks;
import org.wildfly.extras.sip.container.ua.ReliableProvisionals;
import org.wildfly.extras.sip.container.ua.SuccessRetransmitter;

/**
 * The user agent core (RFC 3261 §8, §12, §13) of the applications' messages: it creates the requests they send, writes
 * what the core owns (tags, Via, Contact, Max-Forwards, the outbound proxy's Route), keeps each dialog in step with
 * what is sent and received, and hands messages to the transport.
 */
final class UserAgentCore implements MessageSender, OutboundRequests {

    private static final System.Logger LOGGER = System.getLogger(UserAgentCore.class.getName());
    private static final List<String> METHODS_WITH_CONTACT = List.of("INVITE", "SUBSCRIBE", "REFER", "NOTIFY", "UPDATE");
    // how long after the 64*T1 wait another node may end a dialog whose 2xx got no ACK: the node that sent the 2xx, if
    // alive, does it at the wait's end, and the other node then finds nothing to do
    private static final Duration TAKEOVER_GRACE = Duration.ofSeconds(2);

    private final SipTransport transport;
    private final NodeAddresses addresses;
    private final DeploymentManager deployments;
    private final PendingInvites pendingInvites;
    private final RecentAcks acks;
    private final SuccessRetransmitter retransmitter;
    private final Clock clock;
    private final ProxyDispatch proxies;
    private final ApplicationComposition composition;
    private final ReliableProvisionals reliable;
    private final Consumer<SipServletResponseImpl> unpracked;
    private final Consumer<SipServletResponseImpl> unacknowledged;
    private final CancelledInvites cancelledInvites = new CancelledInvites();

    /**
     * @param transport sends what the core sends
     * @param addresses this node's addresses
     * @param deployments finds the application of a message
     * @param pendingInvites the INVITEs a CANCEL may still end
     * @param acks the ACKs this node sent, for 2xx retransmissions
     * @param retransmitter sends a UAS's 2xx again until its ACK comes
     * @param proxies the proxy plumbing, which creates a request's proxy
     * @param composition routes the initial requests applications send on to the next application
     * @param clock the time
     * @param unacknowledged told of a final response to INVITE that got no ACK within 64*T1 (a 2xx: RFC 3261 §13.3.1.4; a
     *        non-2xx: its transaction's Timer H, §17.2.1)
     * @param reliable sends reliable provisional responses again until their PRACK
     * @param unpracked told of a reliable provisional response that got no PRACK within 64*T1 (RFC 3262 §3)
     */
    UserAgentCore(SipTransport transport, NodeAddresses addresses, DeploymentManager deployments, PendingInvites pendingInvites, RecentAcks acks,
            SuccessRetransmitter retransmitter, ReliableProvisionals reliable, ProxyDispatch proxies, ApplicationComposition composition, Clock clock,
            Consumer<SipServletResponseImpl> unacknowledged, Consumer<SipServletResponseImpl> unpracked) {
        this.composition = composition;
        this.reliable = reliable;
        this.unpracked = unpracked;
        this.transport = transport;
        this.addresses = addresses;
        this.deployments = deployments;
        this.pendingInvites = pendingInvites;
        this.acks = acks;
        this.retransmitter = retransmitter;
        this.proxies = proxies;
        this.clock = clock;
        this.unacknowledged = unacknowledged;
    }

    /** Shows a request received for an application as the application sees it. */
    SipServletRequestImpl received(Deployment deployment, RawRequest raw, ServerTransaction transaction, Peer peer, boolean initial) {
        return this.addresses.received(this, deployment, raw, transaction, peer, initial);
    }

    @Override
    public void send(SipServletResponseImpl response) throws IOException {
        SipServletRequestImpl request = response.request();
        RawResponse raw = response.raw();
        int status = raw.status();
        SipSessionImpl session = request.session();
        if (status > 100 && request.responseTag() != null) {
            String to = raw.headers().first(HeaderNames.TO);
            try {
                AddressSyntax address = SipGrammar.parseAddress(to);
                if (!address.parameters().contains("tag")) {
                    address.parameters().set("tag", request.responseTag());
                    raw.headers().set(HeaderNames.TO, address.toString());
                }
            } catch (SyntaxException e) {
                throw new IOException("Malformed To in " + raw.startLine() + ": " + e.getMessage(), e);
            }
        }
        boolean invite = request.getMethod().equals("INVITE");
        boolean dialogCreating = invite || (Subscriptions.subscribes(request.getMethod()) && status >= 200);
        if (dialogCreating && status > 100 && status < 300 && !raw.headers().contains(HeaderNames.CONTACT)) {
            raw.headers().add(HeaderNames.CONTACT, this.addresses.contact((request.peer() != null) ? request.peer().transport() : Transport.UDP));
        }
        if (session != null) {
            updateUasDialog(session, request, raw);
        }
        if (request.transaction() == null) {
            throw new IllegalStateException(request.getMethod() + " has no transaction to answer through");
        }
        request.transaction().respond(raw);
        if (session != null) {
            this.deploymentOf(session).messageOut();
        }
        if (invite && status >= 300 && session != null) {
            // JSR 289's noAckReceived is for any final response to INVITE: the stack acknowledges a non-2xx's ACK itself
            request.transaction().whenUnacknowledged(() -> this.unacknowledged.accept(response));
        }
        if (invite && status >= 200) {
            this.pendingInvites.answered(request.raw());
            if (request.responseTag() != null) {
                this.reliable.finalResponseSent(raw.callId(), request.responseTag());
            }
        }
        if (invite && status >= 200 && status < 300 && request.responseTag() != null) {
            // sent again over UDP until its ACK; over any transport, no ACK within 64*T1 ends the dialog
            long sequence = Dialogs.cseqNumberOrNone(raw.headers());
            if (session != null && session.data().dialog() != null) {
                // should this node die before the ACK or the wait's end, the node that takes the session over ends the dialog
                long overdueAt = this.clock.millis() + this.retransmitter.ackWait().plus(TAKEOVER_GRACE).toMillis();
                session.data().dialog().awaitAck(sequence, overdueAt);
            }
            boolean unreliable = request.peer() != null && request.peer().transport() == Transport.UDP;
            Deployment deployment = (session != null) ? this.deploymentOf(session) : null;
            String applicationSessionId = (session != null) ? session.getApplicationSession().getId() : null;
            String sipSessionId = (session != null) ? session.getId() : null;
            this.retransmitter.start(new SuccessRetransmitter.Key(raw.callId(), request.responseTag(), sequence), raw, unreliable,
                    key -> this.unacknowledged.accept(response),
                    () -> deployment != null && !deployment.awaitsAck(applicationSessionId, sipSessionId, sequence));
        }
    }

    @Override
    public void sendReliably(SipServletResponseImpl response) throws IOException {
        SipServletRequestImpl request = response.request();
        RawResponse raw = response.raw();
        long rseq = request.nextRseq();
        if (!response.optionTagged("Require", "100rel")) {
            raw.headers().add("Require", "100rel");
        }
        raw.headers().set("RSeq", Long.toString(rseq));
        this.send(response);
        this.reliable.start(new ReliableProvisionals.Key(raw.callId(), request.responseTag(), rseq), () -> request.transaction().respond(raw),
                () -> this.unpracked.accept(response));
    }

    @Override
    public void send(SipServletRequestImpl request) throws IOException {
        RawRequest raw = request.raw();
        String method = raw.method();
        // an initial request goes on to the next application the router names, if any (JSR 289 §15.4.1)
        boolean composed = request.isInitial() && !method.equals("ACK") && !method.equals("CANCEL") && !request.isContainerOwn() && this.composition.route(request);
        if (!composed) {
            this.addresses.routeOutbound(raw);
        }
        Transport transport = NodeAddresses.transportOf(raw);
        java.net.InetSocketAddress outbound = (request.session() != null) ? request.session().outboundInterface() : null;
        if (!raw.method().equals("CANCEL")) { // a CANCEL carries the Via of the INVITE it cancels (RFC 3261 §9.1)
            this.addresses.addTopVia(raw, Identifiers.branch(), outbound);
        } else {
            this.addresses.listeningPoint(transport); // no connector of that transport: refused as for any request
        }
        if (!raw.headers().contains(HeaderNames.MAX_FORWARDS)) {
            raw.headers().set(HeaderNames.MAX_FORWARDS, "70");
        }
        if (method.equals("ACK")) {
            this.transport.sendStateless(raw);
            if (request.session() != null) {
                this.deploymentOf(request.session()).messageOut();
                byte[] success = request.session().data().receivedSuccess();
                if (success != null && Dialogs.cseqNumberOrNone(RawResponse.decode(success).headers()) == Dialogs.cseqNumberOrNone(raw.headers())) {
                    request.session().data().setReceivedSuccess(null); // acknowledged: no node has it to acknowledge now
                }
            }
            this.acks.sent(raw.callId() + ' ' + Dialogs.cseqNumberOrNone(raw.headers()), raw);
            return;
        }
        if (METHODS_WITH_CONTACT.contains(method) && !raw.headers().contains(HeaderNames.CONTACT)) {
            raw.headers().add(HeaderNames.CONTACT, this.addresses.contact(transport, outbound));
        }
        SipSessionImpl session = request.session();
        SipApplicationSessionImpl applicationSession = (session != null) ? (SipApplicationSessionImpl) session.getApplicationSession() : null;
        Deployment deployment = (applicationSession != null) ? this.deployments.findServing(applicationSession.getApplicationName()) : null;
        if (deployment == null) {
            throw new IllegalStateException(request.getMethod() + " has no session of a deployed application");
        }
        session.transactionStarted();
        if (!method.equals("CANCEL")) {
            session.userAgentMessages(false).add(request);
        }
        if (method.equals("INVITE") && request.isInitial()) {
            session.data().setSentInvite(raw.encode()); // a node that takes the call in set-up over takes its answers with this
        }
        PendingRequest pending = new PendingRequest(deployment, applicationSession.getId(), request);
        if (Deployment.awaitsAnswer(method)) {
            deployment.requestSent(pending);
        }
        try {
            this.transport.send(raw, pending);
        } catch (IOException | RuntimeException e) {
            deployment.requestAnswered(pending); // no answer will come
            throw e;
        }
        if (method.equals("CANCEL")) {
            this.cancelledInvites.cancelSent(raw);
        }
        deployment.messageOut();
    }

    /**
     * @param invite an INVITE an application sent, which got its final response
     * @return whether the application had sent a CANCEL for it (forgotten from now on)
     */
    boolean cancelledBeforeAnswer(SipServletRequestImpl invite) {
        return this.cancelledInvites.answered(invite.raw());
    }

    @Override
    public SipServletRequestImpl createAck(SipServletResponseImpl response) {
        SipSessionImpl session = response.session();
        DialogState dialog = (session != null) ? session.data().dialog() : null;
        if (dialog == null) {
            throw new IllegalStateException("No dialog to acknowledge " + response.getStatus() + " in, Call-ID " + response.getCallId());
        }
        try {
            SipServletRequestImpl ack = new SipServletRequestImpl(Dialogs.request(dialog, "ACK", Dialogs.cseqNumberOrNone(response.raw().headers())), null, false, this, null, null, -1,
                    response.request().getServletContext());
            ack.setSession(session);
            return ack;
        } catch (SyntaxException e) {
            throw new IllegalStateException("Cannot build the ACK of Call-ID " + response.getCallId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public javax.servlet.sip.Proxy createProxy(SipServletRequestImpl request) {
        return this.proxies.createProxy(request, this);
    }

    @Override
    public javax.servlet.sip.B2buaHelper b2buaHelper(SipServletRequestImpl request) {
        return new B2buaHelperImpl(this, this.addresses, request);
    }

    @Override
    public SipServletRequestImpl createRequest(ServletContext context, SipApplicationSession session, String method, AddressSyntax from, AddressSyntax to, String sameCallId) {
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException(method + " is not created by SipFactory: use createAck() or createCancel()");
        }
        if (!(session instanceof SipApplicationSessionImpl applicationSession) || !session.isValid()) {
            throw new IllegalArgumentException("The application session must be a valid one of this container");
        }
        String sipSessionId = SessionKeys.newSipSessionId();
        AddressSyntax local = from.copy();
        local.parameters().set("tag", SessionKeys.sessionTag(applicationSession.getId(), sipSessionId));
        AddressSyntax remote = to.copy();
        remote.parameters().remove("tag");
        String callId = (sameCallId != null) ? sameCallId : Identifiers.callId();
        SipServletRequestImpl request = this.initialRequest(context, method, requestUri(remote), local.toString(), remote.toString(), callId, 1);
        SipSessionData data = new SipSessionData(sipSessionId, this.clock.millis(), callId, Dialogs.withoutTag(from), remote.toString());
        request.setSession(applicationSession.createSipSession(data));
        return request;
    }

    /**
     * A new initial request of a SIP session that has no dialog and sent no request on this node (it was created and
     * not used yet, or its node died): from its data, with its parties, its Call-ID and the From tag its requests have,
     * to the remote party's URI; CSeq after that of an INVITE it sent, else 1.
     */
    private SipServletRequestImpl initialRequestOf(ServletContext context, SipSessionImpl session, String method) {
        SipSessionData data = session.data();
        try {
            AddressSyntax local = SipGrammar.parseAddress(data.localParty());
            local.parameters().set("tag", SessionKeys.sessionTag(session.getApplicationSession().getId(), data.id()));
            AddressSyntax remote = SipGrammar.parseAddress(data.remoteParty());
            remote.parameters().remove("tag");
            long sequence = (data.sentInvite() != null) ? Dialogs.cseqNumberOrNone(RawRequest.decode(data.sentInvite()).headers()) + 1 : 1;
            SipServletRequestImpl request = this.initialRequest(context, method, requestUri(remote), local.toString(), remote.toString(), data.callId(), sequence);
            request.setSession(session);
            return request;
        } catch (SyntaxException e) {
            throw new IllegalStateException("Cannot build " + method + " from the parties of SIP session " + session.getId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<org.wildfly.extras.sip.container.transport.ListeningPoint> listeningPoints() {
        return this.addresses.listeningPoints();
    }

    @Override
    public SipServletRequestImpl createInDialogRequest(ServletContext context, SipSessionImpl session, String method) {
        DialogState dialog = session.data().dialog();
        if (dialog == null) {
            SipServletRequestImpl retry = this.retryOfInitialRequest(context, session, method);
            return (retry != null) ? retry : this.initialRequestOf(context, session, method);
        }
        try {
            SipServletRequestImpl request = new SipServletRequestImpl(Dialogs.request(dialog, method, 0), null, false, this, null, null, -1, context);
            request.setSession(session);
            return request;
        } catch (SyntaxException e) {
            throw new IllegalStateException("Cannot build " + method + " in the dialog of SIP session " + session.getId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SipServletResponseImpl standInSuccess(ServletContext context, SipSessionImpl session) {
        DialogState dialog = session.data().dialog();
        HeaderFields headers = new HeaderFields();
        headers.add(HeaderNames.FROM, dialog.remoteAddress() + ";tag=" + dialog.remoteTag());
        headers.add(HeaderNames.TO, dialog.localAddress() + ";tag=" + dialog.localTag());
        headers.add(HeaderNames.CALL_ID, dialog.callId());
        headers.add(HeaderNames.CSEQ, dialog.awaitedAck() + " INVITE");
        String requestUri;
        try {
            requestUri = SipGrammar.parseAddress(dialog.localAddress()).uri().toString();
        } catch (SyntaxException e) {
            throw new IllegalStateException("The dialog of SIP session " + session.getId() + " has a malformed local address: " + e.getMessage(), e);
        }
        RawRequest raw = new RawRequest("INVITE", requestUri, headers, null);
        SipServletRequestImpl invite = new SipServletRequestImpl(raw, null, false, this, null, null, -1, context);
        invite.setSession(session);
        invite.setResponseTag(dialog.localTag());
        return SipServletResponseImpl.received(RawResponse.answering(raw, 200, null), invite, this, null);
    }

    /**
     * A new request of a UAC session that has no dialog yet (JSR 289 §6.2.1, a session in its INITIAL state): the request
     * sent again after a 401 or 407 with credentials (RFC 3261 §22.2, §8.1.3.5): same Call-ID, From with its tag, To and
     * request-URI as the last initial request this session sent, the next CSeq.
     * @return the request, or {@code null} if this session sent no initial request on this node
     */
    /** @return a new initial request with the headers a UAC core writes first (RFC 3261 §8.1.1), not yet in a session */
    private SipServletRequestImpl initialRequest(ServletContext context, String method, String requestUri, String from, String to, String callId, long sequence) {
        HeaderFields headers = new HeaderFields();
        headers.add(HeaderNames.FROM, from);
        headers.add(HeaderNames.TO, to);
        headers.add(HeaderNames.CALL_ID, callId);
        headers.add(HeaderNames.CSEQ, sequence + " " + method);
        headers.add(HeaderNames.MAX_FORWARDS, "70");
        return new SipServletRequestImpl(new RawRequest(method, requestUri, headers, null), null, true, this, null, null, -1, context);
    }

    private SipServletRequestImpl retryOfInitialRequest(ServletContext context, SipSessionImpl session, String method) {
        List<Object> sent = session.userAgentMessages(false);
        for (int i = sent.size() - 1; i >= 0; --i) {
            if (sent.get(i) instanceof SipServletRequestImpl previous && previous.isInitial()) {
                RawRequest raw = previous.raw();
                SipServletRequestImpl request = this.initialRequest(context, method, raw.requestUri(), raw.headers().first(HeaderNames.FROM),
                        raw.headers().first(HeaderNames.TO), raw.callId(), Dialogs.cseqNumberOrNone(raw.headers()) + 1);
                request.setSession(session);
                return request;
            }
        }
        return null;
    }

    @Override
    public SipServletRequestImpl takeOverInvite(ServletContext context, SipSessionImpl session, byte[] invite, boolean received) {
        RawRequest raw = RawRequest.decode(invite);
        SipApplicationSessionImpl applicationSession = (SipApplicationSessionImpl) session.getApplicationSession();
        if (!received) {
            // sent by the node that died: its responses reach this node (the balancer sends them to a live node), and are
            // taken as answers to this request
            SipServletRequestImpl request = new SipServletRequestImpl(raw, null, true, this, null, null, -1, context);
            request.setSession(session);
            request.commit();
            return request;
        }
        // its server transaction died with its node: answered statelessly, through its top Via (the balancer's
        // transaction, which relays the answer to the caller, RFC 3261 §17.2.1)
        ServerTransaction transaction = new ServerTransaction() {
            @Override
            public RawRequest request() {
                return raw;
            }

            @Override
            public void respond(RawResponse response) throws IOException {
                UserAgentCore.this.transport.sendStateless(response);
            }

            @Override
            public void whenUnacknowledged(Runnable missing) {
                // answered statelessly: no transaction here waits for the ACK of a non-2xx
            }
        };
        SipServletRequestImpl request = new SipServletRequestImpl(raw, transaction, true, this, NodeAddresses.previousHop(raw), null, -1, context);
        request.setSession(session);
        DialogState dialog = session.data().dialog();
        request.setResponseTag((dialog != null) ? dialog.localTag() : SessionKeys.newTag(applicationSession.getId()));
        Deployment deployment = this.deployments.findServing(applicationSession.getApplicationName());
        if (deployment != null) {
            this.pendingInvites.add(deployment, applicationSession.getId(), request);
        }
        LOGGER.log(Level.DEBUG, "Took over the INVITE of Call-ID {0} in set-up", raw.callId());
        return request;
    }

    @Override
    public SipServletResponseImpl takeOverSuccess(ServletContext context, SipSessionImpl session, byte[] success) {
        RawResponse raw = RawResponse.decode(success);
        DialogState dialog = session.data().dialog();
        // the INVITE it answers, as far as the 2xx tells it: enough for its ACK, which the dialog builds
        HeaderFields headers = new HeaderFields();
        for (String name : new String[] { HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ }) {
            headers.add(name, raw.headers().first(name));
        }
        SipServletRequestImpl invite = new SipServletRequestImpl(new RawRequest("INVITE", (dialog != null) ? dialog.remoteTarget() : raw.headers().first(HeaderNames.TO),
                headers, null), null, false, this, null, null, -1, context);
        invite.setSession(session);
        invite.commit();
        return SipServletResponseImpl.received(raw, invite, this, null);
    }

    @Override
    public SipServletRequestImpl pastRequest(ServletContext context, SipSessionImpl session, byte[] message, boolean received) {
        RawRequest raw = RawRequest.decode(message);
        SipServletRequestImpl request = new SipServletRequestImpl(raw, null, false, this, received ? NodeAddresses.previousHop(raw) : null, null, -1, context);
        request.setSession(session);
        request.commit();
        return request;
    }

    /** Sends the ACK of a 2xx again, if the application has acknowledged it; else its ACK is still to come. */
    void acknowledgeAgain(RawResponse success) {
        RawRequest ack = this.acks.sentFor(success.callId() + ' ' + Dialogs.cseqNumberOrNone(success.headers()));
        if (ack != null) {
            try {
                this.transport.sendStateless(ack);
            } catch (IOException e) {
                LOGGER.log(Level.DEBUG, "Cannot resend the ACK of Call-ID {0}: {1}", success.callId(), e.getMessage());
            }
        }
    }

    /** Keeps the dialog of a request the application sent in step with a response to it (RFC 3261 §12.1.2, §15.1.1). */
    static void updateUacDialog(SipSessionImpl session, SipServletRequestImpl request, RawResponse response) throws SyntaxException {
        SipSessionData data = session.data();
        int status = response.status();
        String method = request.getMethod();
        if (method.equals("INVITE") && request.isInitial()) {
            String toTag = Dialogs.tag(response.headers(), HeaderNames.TO);
            if (status > 100 && status < 300 && toTag != null) {
                if (data.dialog() == null) {
                    data.setDialog(Dialogs.asUac(request.raw(), response));
                } else if (status >= 200) {
                    DialogState refreshed = Dialogs.asUac(request.raw(), response);
                    data.dialog().confirm(refreshed.remoteTag(), refreshed.routeSet());
                    data.dialog().setRemoteTarget(refreshed.remoteTarget());
                }
                data.setState((status < 200) ? SipSessionData.State.EARLY : SipSessionData.State.CONFIRMED);
                if (status >= 200) {
                    data.dialog().setState(DialogState.State.CONFIRMED);
                }
            } else if (status >= 300 && data.state() != SipSessionData.State.CONFIRMED) {
                // JSR 289 §6.2.1: a UAC session whose initial INVITE failed is back in its initial state, from which it
                // may try again (credentials after a 401, another target after a 3xx) in the same Call-ID and CSeq space;
                // the 487 of an INVITE it cancelled ends it, CANCEL being a dialog-terminating request
                data.setState((status == 487) ? SipSessionData.State.TERMINATED : SipSessionData.State.INITIAL);
                data.setDialog(null);
            }
        } else if (method.equals("BYE") && status >= 200) {
            // any final response to BYE ends the dialog (RFC 3261 §15.1.1)
            terminate(data);
        } else if (Subscriptions.subscribes(method) && status >= 200 && status < 300) {
            // a 2xx to SUBSCRIBE or REFER sets up the dialog, or adds a subscription to it (RFC 6665 §4.1.2.1, RFC 3515 §2.4.4)
            if (data.dialog() != null && data.dialog().state() == DialogState.State.EARLY) {
                data.dialog().confirm(Dialogs.tag(response.headers(), HeaderNames.TO), data.dialog().routeSet());
            }
            subscribe(data, (data.dialog() == null) ? Dialogs.asUac(request.raw(), response) : null, Subscriptions.of(request.raw(), !request.isInitial()));
        } else if (method.equals("NOTIFY") && (status >= 200 && Subscriptions.terminates(request.raw()) || status == 481)) {
            // our NOTIFY ended the subscription, or the subscriber has none (481): the dialog ends with its last
            // subscription (RFC 6665 §4.2.2)
            unsubscribe(data, Subscriptions.of(request.raw(), false));
        }
    }

    /**
     * Adds a subscription to a session's dialog (a 2xx to SUBSCRIBE or REFER, sent or received, or a NOTIFY first).
     * @param created the dialog the subscription sets up, or {@code null} if the session has its dialog already
     */
    static void subscribe(SipSessionData data, DialogState created, String subscription) {
        if (created != null) {
            created.setSubscriptionUsage(true);
            data.setDialog(created);
            data.setState(SipSessionData.State.CONFIRMED);
        }
        data.dialog().subscribed(subscription);
    }

    /** Ends a subscription of a session's dialog; a dialog that subscriptions set up ends with the last of them. */
    private static void unsubscribe(SipSessionData data, String subscription) {
        DialogState dialog = data.dialog();
        if (dialog != null && dialog.unsubscribed(subscription) && dialog.isSubscriptionUsage()) {
            terminate(data);
        }
    }

    /** Keeps the dialog of a received request in step with the response the application sends (RFC 3261 §12.1.1). */
    private static void updateUasDialog(SipSessionImpl session, SipServletRequestImpl request, RawResponse response) throws IOException {
        SipSessionData data = session.data();
        int status = response.status();
        String method = request.getMethod();
        try {
            if (!request.isInitial() && status >= 200 && data.dialog() != null) {
                // kept whole, for the same request by another path to get it again (not for a BYE's 2xx: its dialog ends)
                if (!(method.equals("BYE") && status < 300)) {
                    data.dialog().answered(Dialogs.cseqNumber(request.raw().headers()), method, response.encode());
                }
            }
            if (request.isInitial() && method.equals("INVITE")) {
                if (status > 100 && status < 300 && data.dialog() == null) {
                    data.setDialog(Dialogs.asUas(request.raw(), response));
                }
                if (status > 100 && status < 200) {
                    data.setState(SipSessionData.State.EARLY);
                } else if (status >= 200 && status < 300) {
                    data.setState(SipSessionData.State.CONFIRMED);
                    data.dialog().setState(DialogState.State.CONFIRMED);
                } else if (status >= 300) {
                    data.setState(SipSessionData.State.TERMINATED);
                }
            } else if (method.equals("BYE") && status >= 200 && status < 300) {
                terminate(data);
            } else if (Subscriptions.subscribes(method) && status >= 200 && status < 300) {
                // our 2xx to SUBSCRIBE or REFER sets up the notifier's dialog (RFC 6665 §4.2.1), or adds a subscription to it
                subscribe(data, (data.dialog() == null) ? Dialogs.asUas(request.raw(), response) : null, Subscriptions.of(request.raw(), !request.isInitial()));
            } else if (method.equals("NOTIFY") && status >= 200 && status < 300 && Subscriptions.terminates(request.raw())) {
                unsubscribe(data, Subscriptions.of(request.raw(), false)); // the notifier ended it (RFC 6665 §4.1.3)
            }
        } catch (SyntaxException e) {
            throw new IOException("Cannot set up the dialog of " + request.getCallId() + ": " + e.getMessage(), e);
        }
    }

    private static void terminate(SipSessionData data) {
        data.setState(SipSessionData.State.TERMINATED);
        if (data.dialog() != null) {
            data.dialog().setState(DialogState.State.TERMINATED);
        }
    }

    private Deployment deploymentOf(SipSessionImpl session) {
        return this.deployments.serving(((SipApplicationSessionImpl) session.getApplicationSession()).getApplicationName());
    }

    private static String requestUri(AddressSyntax to) {
        UriSyntax uri = to.uri().copy();
        if (uri instanceof SipUriSyntax sip) {
            sip.parameters().remove("method"); // not allowed in a request-URI (RFC 3261 §19.1.1)
            sip.headers().clear();
        }
        return uri.toString();
    }
}
