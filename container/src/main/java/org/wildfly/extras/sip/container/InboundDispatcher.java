package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dialog.Subscriptions;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.proxy.ProxyBranchImpl;
import org.wildfly.extras.sip.container.proxy.ProxyImpl;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SessionUnavailableException;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.ClientTransaction;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.Refusal;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.SipMessageHandler;
import org.wildfly.extras.sip.container.ua.RecentAcks;
import org.wildfly.extras.sip.container.ua.ReliableProvisionals;
import org.wildfly.extras.sip.container.ua.SuccessRetransmitter;

/**
 * The inbound path: takes each message off the transport, runs it on the queue of its application session (one message
 * at a time per application session, tried again while the session is held elsewhere), and sends it where it belongs:
 * an initial request to the application router, a request within a dialog to its SIP session (or its proxy), a CANCEL to
 * the INVITE it cancels, a response to the request the application sent.
 */
final class InboundDispatcher implements SipMessageHandler {

    private static final System.Logger LOGGER = System.getLogger(InboundDispatcher.class.getName());
    // requests whose Contact becomes the dialog's remote target (RFC 3261 §12.2.2, RFC 3311, RFC 6665 §4.1.2.4, §4.2.1)
    private static final java.util.Set<String> TARGET_REFRESHING = java.util.Set.of("INVITE", "UPDATE", "SUBSCRIBE", "NOTIFY");
    // how long a request waits in all for an application session held elsewhere, and how often it tries: with one more
    // attempt that waits for a distributed store's lock timeout, it is still answered within the client's 32 s
    private static final Duration SESSION_WAIT = Duration.ofSeconds(10);
    private static final Duration SESSION_RETRY = Duration.ofMillis(200);
    // how long this node keeps the INVITEs it took over from a dead node to match their answers: Timer C's 3 minutes
    private static final Duration TAKEN_OVER_LIFETIME = Duration.ofMinutes(3);

    private final DeploymentManager deployments;
    private final LongAdder retried = new LongAdder();
    private final UserAgentCore core;
    private final InitialRequests initial;
    private final ProxyDispatch proxies;
    private final PendingInvites pendingInvites;
    private final RecentAcks acks;
    private final SuccessRetransmitter retransmitter;
    private final ReliableProvisionals reliable;
    private final RequestRelay relay;
    private final MissingAcks missingAcks;
    private final SerialExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final OverloadControl overload;
    private final RequestAuthentication authentication;
    private volatile boolean available;
    // whether the host has suspended this node (it is leaving, or out of service): a request it cannot serve here is sent
    // back to the balancer with 503, to reach the node that holds its call, rather than answered 481
    private volatile java.util.function.BooleanSupplier suspended = () -> false;
    // INVITEs another node sent whose answers this node took (that node died), by Call-ID and CSeq: node-local
    private final java.util.Map<String, PendingRequest> takenOver = new java.util.concurrent.ConcurrentHashMap<>();
    // initial INVITEs the applications sent that got a 2xx, by Call-ID and CSeq, while a 2xx of another dialog (a fork
    // downstream) may still come after their transaction ended: node-local, for 64*T1
    private final java.util.Map<String, PendingRequest> answeredInvites = new java.util.concurrent.ConcurrentHashMap<>();

    InboundDispatcher(DeploymentManager deployments, UserAgentCore core, InitialRequests initial, ProxyDispatch proxies, PendingInvites pendingInvites, RecentAcks acks,
            SuccessRetransmitter retransmitter, ReliableProvisionals reliable, RequestRelay relay, SerialExecutor executor, ScheduledExecutorService scheduler, OverloadControl overload, RequestAuthentication authentication,
            boolean available) {
        this.authentication = authentication;
        this.deployments = deployments;
        this.core = core;
        this.initial = initial;
        this.proxies = proxies;
        this.pendingInvites = pendingInvites;
        this.acks = acks;
        this.retransmitter = retransmitter;
        this.reliable = reliable;
        this.relay = relay;
        this.missingAcks = new MissingAcks(deployments);
        this.executor = executor;
        this.scheduler = scheduler;
        this.overload = overload;
        this.available = available;
    }

    /** @param suspended whether the host suspended this node (it refuses new calls; it may be about to stop) */
    void suspendedWhen(java.util.function.BooleanSupplier suspended) {
        this.suspended = suspended;
    }

    /** Answers a request of a call this node does not hold: see {@link Replies#notHere}. */
    private void notHere(RawRequest request, ServerTransaction transaction) {
        Replies.notHere(request, transaction, this.suspended.getAsBoolean());
    }

    /** Takes calls from now on; until then every request is answered 503. */
    void open() {
        this.available = true;
    }

    @Override
    public Refusal screen(RawRequest request) {
        return this.overload.screen(request);
    }

    @Override
    public void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer) {
        String toTag;
        try {
            toTag = Dialogs.tag(request.headers(), HeaderNames.TO);
            Dialogs.tag(request.headers(), HeaderNames.FROM);
            Dialogs.cseqNumber(request.headers());
        } catch (SyntaxException e) {
            Replies.reject(request, transaction, 400, "Bad Request (" + e.getMessage() + ")");
            return;
        }
        String method = request.method();
        if (!this.available) {
            Replies.starting(request, transaction);
            return;
        }
        if (method.equals("INVITE") && transaction != null) {
            // at once, before the request waits for its session or its servlet: an upstream balancer or proxy that hears
            // nothing within its timer (Kamailio's fr_timer) gives up on this node (RFC 3261 §8.2.6.1, §16.2, §17.2.1)
            Replies.respond(request, transaction, RawResponse.answering(request, 100, null));
        }
        String poppedRoute = this.proxies.popOwnRoute(request);
        if (poppedRoute != null && toTag != null && ProxyDispatch.routeParameter(poppedRoute, RequestRelay.RECORD_ROUTE_PARAMETER) != null) {
            this.relay.inDialog(request, transaction); // a dialog this container relays for the application router
            return;
        }
        String proxiedDialog = (poppedRoute != null) ? ProxyDispatch.routeParameter(poppedRoute, ProxyDispatch.RECORD_ROUTE_APPLICATION_SESSION) : null;
        if (proxiedDialog != null && !method.equals("CANCEL")) {
            // a request of a dialog this container record-routed as a proxy: the Route names the sessions
            String sipSessionId = ProxyDispatch.routeParameter(poppedRoute, ProxyDispatch.RECORD_ROUTE_SIP_SESSION);
            this.handle(proxiedDialog, request, transaction,
                    () -> this.proxies.proxiedDialogRequest(this.core, request, transaction, peer, proxiedDialog, sipSessionId, poppedRoute));
        } else if (toTag != null) {
            String applicationSessionId = SessionKeys.applicationSessionId(toTag);
            if (applicationSessionId == null) {
                Replies.reject(request, transaction, 481, null);
                return;
            }
            this.handle(applicationSessionId, request, transaction, () -> this.inDialog(request, transaction, peer, applicationSessionId, toTag));
        } else if (method.equals("ACK")) {
            LOGGER.log(Level.DEBUG, "ACK outside any dialog dropped, Call-ID {0}", request.callId());
        } else if (method.equals("CANCEL")) {
            this.cancel(request, transaction);
        } else {
            ServerTransaction tracked = transaction;
            if (method.equals("INVITE") && transaction != null) {
                // known from now on, so that a CANCEL right behind it finds it while it waits its turn (RFC 3261 §9.2)
                this.pendingInvites.arrived(request);
                tracked = this.forgottenWhenAnswered(transaction);
            }
            this.initial(request, tracked, peer, poppedRoute);
        }
    }

    /** An initial request: to the application session its URI encodes, else to the application router. */
    private void initial(RawRequest request, ServerTransaction transaction, Peer peer, String poppedRoute) {
        String encoded = InitialRequests.encodedApplicationSessionId(request.requestUri());
        if (encoded != null) {
            this.handle(encoded, request, transaction, () -> this.initial.targeted(request, transaction, peer, encoded));
            return;
        }
        DialogReference reference = DialogReference.of(request);
        if (reference != null) {
            // Join or Replaces naming a dialog of ours: to that dialog's application session (JSR 289 §15.11.3)
            this.handle(reference.applicationSessionId(), request, transaction, () -> this.initial.joining(request, transaction, peer, reference));
            return;
        }
        String transactionKey = transactionKey(request);
        this.executor.execute(transactionKey, () -> this.initial.route(request, transaction, peer, transactionKey, poppedRoute, this::handle));
    }

    /**
     * @return the key of a new initial request's transaction ({@link SessionKeys#forTransaction}), the same on every node,
     *         to which its application session is bound so that a CANCEL finds it on any node; a random one if the
     *         request has no branch
     */
    private static String transactionKey(RawRequest request) {
        String transaction = PendingInvites.branch(request);
        if (transaction == null) {
            return SessionKeys.newApplicationSessionId();
        }
        try {
            return SessionKeys.forTransaction(request.callId(), Dialogs.tag(request.headers(), HeaderNames.FROM), Dialogs.cseqNumber(request.headers()), transaction);
        } catch (SyntaxException e) {
            return SessionKeys.newApplicationSessionId();
        }
    }

    /** @return the INVITE's transaction, which forgets the INVITE among the pending ones once it is answered finally, by whoever */
    private ServerTransaction forgottenWhenAnswered(ServerTransaction transaction) {
        return new ServerTransaction() {
            @Override
            public RawRequest request() {
                return transaction.request();
            }

            @Override
            public void respond(RawResponse response) throws IOException {
                try {
                    transaction.respond(response);
                } finally {
                    if (response.status() >= 200) {
                        InboundDispatcher.this.pendingInvites.answered(transaction.request());
                    }
                }
            }

            @Override
            public void whenUnacknowledged(Runnable missing) {
                transaction.whenUnacknowledged(missing);
            }
        };
    }

    /**
     * Handles a request on the queue of the application session it names. If that session is held elsewhere (a message
     * on another node, or a failed node the cluster has not dropped yet), the request is tried again shortly rather
     * than lost: the client's retransmissions would only reach its server transaction. Past {@link #SESSION_WAIT} it is
     * answered 500 with Retry-After (RFC 3261 §21.5.1).
     */
    private void handle(String key, RawRequest request, ServerTransaction transaction, Runnable handling) {
        Runnable guarded = () -> {
            try {
                handling.run();
            } catch (SessionUnavailableException e) {
                throw e;
            } catch (ApplicationStoppedException e) {
                // it came after the application's last servlet call: as if it had come after the application
                this.notHere(request, transaction);
            } catch (RuntimeException e) {
                if (!this.suspended.getAsBoolean()) {
                    throw e;
                }
                // a leaving node whose applications or sessions stop under it: the call is served by another node
                LOGGER.log(Level.DEBUG, "{0} of Call-ID {1} sent elsewhere, this node is leaving: {2}", request.method(), request.callId(), e.toString());
                Replies.leaving(request, transaction);
            }
        };
        this.held(key, request.method() + " of Call-ID " + request.callId(), guarded, unavailable -> {
            if (unavailable.heldByLiveNode()) {
                // the node that got it first is alive and still works on it: its answer is the one; a second would
                // start a second dialog at the caller
                LOGGER.log(Level.INFO, "{0} of Call-ID {1} left to the node that got it first: {2}", request.method(), request.callId(), unavailable.getMessage());
                this.pendingInvites.answered(request);
                return;
            }
            if (transaction != null) {
                RawResponse busy = Replies.answer(request, 500, "Server Internal Error (application session busy)");
                busy.headers().set(HeaderNames.RETRY_AFTER, "1");
                Replies.respond(request, transaction, busy);
            }
        });
    }

    /** Runs a task on the queue of an application session, tried again while that session is held elsewhere, given up after {@link #SESSION_WAIT}. */
    private void held(String key, String what, Runnable handling, Consumer<SessionUnavailableException> givenUp) {
        long deadline = System.nanoTime() + SESSION_WAIT.toNanos();
        this.executor.execute(key, new Runnable() {
            @Override
            public void run() {
                try {
                    handling.run();
                } catch (SessionUnavailableException e) {
                    InboundDispatcher.this.retryLater(key, this, deadline, what, givenUp, e);
                }
            }
        });
    }

    /** @return the messages tried again since start because another node held their application session */
    long retriedRequests() {
        return this.retried.sum();
    }

    private void retryLater(String key, Runnable attempt, long deadline, String what, Consumer<SessionUnavailableException> givenUp,
            SessionUnavailableException cause) {
        if (System.nanoTime() - deadline < 0) {
            LOGGER.log(Level.DEBUG, "{0} waits: {1}", what, cause.getMessage());
            this.retried.increment();
            try {
                this.scheduler.schedule(() -> this.executor.execute(key, attempt), SESSION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException stopping) {
                // the container stops: answer now
            }
        }
        if (!cause.heldByLiveNode()) {
            LOGGER.log(Level.WARNING, "{0} given up, its application session stayed unavailable: {1}", what, cause.getMessage());
        }
        givenUp.accept(cause);
    }

    /**
     * A 2xx to INVITE the application sent got no ACK within 64*T1: its dialog ends (RFC 3261 §13.3.1.4), on the queue
     * of its application session, as any message of the call.
     */
    void unacknowledged(SipServletResponseImpl response) {
        String applicationSessionId = SessionKeys.applicationSessionId(response.request().responseTag());
        if (applicationSessionId == null) {
            return;
        }
        if (response.getStatus() >= 300) {
            // no dialog to end: the application hears of it (JSR 289 SipErrorListener.noAckReceived), its call is over
            this.held(applicationSessionId, "The missing ACK of Call-ID " + response.getCallId(), () -> this.missingAcks.tell(response, applicationSessionId), unavailable -> {
            });
            return;
        }
        this.held(applicationSessionId, "The BYE for the missing ACK of Call-ID " + response.getCallId(), () -> this.missingAcks.end(response, applicationSessionId), unavailable -> {
        });
    }

    /** @return what a PRACK's RAck matches among this node's reliable provisional responses; a malformed RAck matches none */
    private ReliableProvisionals.Match prack(RawRequest raw, String toTag) {
        String rack = raw.headers().first("RAck");
        try {
            long rseq = Long.parseLong(rack.trim().split("\\s+")[0]);
            return this.reliable.prack(raw.callId(), toTag, rseq);
        } catch (RuntimeException e) {
            return ReliableProvisionals.Match.NO_MATCH;
        }
    }

    /**
     * A reliable provisional response that got no PRACK within 64*T1 (RFC 3262 §3): the application's error listeners hear
     * of it ({@code noPrackReceived}); an INVITE still without a final response after that is answered 500.
     */
    void unpracked(SipServletResponseImpl response) {
        String applicationSessionId = SessionKeys.applicationSessionId(response.request().responseTag());
        if (applicationSessionId == null) {
            return;
        }
        this.held(applicationSessionId, "The missing PRACK of Call-ID " + response.getCallId(), () -> {
            DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
            if (found == null) {
                return;
            }
            try {
                LOGGER.log(Level.WARNING, "No PRACK for the reliable {0} to INVITE of Call-ID {1} within 64*T1", response.getStatus(), response.getCallId());
                MissingAcks.tellErrorListeners(found.deployment(), new javax.servlet.sip.SipErrorEvent(response.request(), response), javax.servlet.sip.SipErrorListener::noPrackReceived,
                        "the missing PRACK of Call-ID " + response.getCallId());
                if (response.request().finalResponse() == null) {
                    response.request().createResponse(500, "No PRACK for a reliable provisional response").send();
                }
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Cannot answer the INVITE of Call-ID {0} whose reliable provisional response got no PRACK: {1}", response.getCallId(), e.toString());
            } finally {
                found.deployment().finish(found.applicationSession(), null);
            }
        }, unavailable -> {
        });
    }

    private void inDialog(RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId, String toTag) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        if (found == null) {
            this.notHere(raw, transaction);
            return;
        }
        Deployment deployment = found.deployment();
        SipServletRequestImpl request = null;
        try {
            String fromTag = Dialogs.tag(raw.headers(), HeaderNames.FROM);
            SipSessionImpl session = found.applicationSession().dialogSession(raw.callId(), toTag, fromTag);
            if (session == null && raw.method().equals("NOTIFY")) {
                session = awaitingNotify(found.applicationSession(), raw, toTag);
            }
            if (session == null) {
                this.notHere(raw, transaction);
                return;
            }
            DialogState dialog = session.data().dialog();
            long sequence = Dialogs.cseqNumber(raw.headers());
            if (raw.method().equals("ACK")) {
                this.retransmitter.acknowledged(new SuccessRetransmitter.Key(raw.callId(), toTag, sequence));
                dialog.acknowledged(sequence); // in the data too: the node retransmitting the 2xx may be another one
                if (!this.acks.firstReceived(raw.callId() + ' ' + toTag + ' ' + sequence)) {
                    return; // the caller's answer to our 2xx sent again: the application had this ACK already
                }
            } else {
                if (dialog.handledBefore(sequence, raw.method())) {
                    // the request the application had, come again by another path (the balancer's next node after this one
                    // paused, or the copy the paused node reads on waking): the application's answer again, through this
                    // path's Vias, if it had one; and the application is not shown it twice
                    byte[] answer = dialog.handledAnswer();
                    LOGGER.log(Level.DEBUG, "{0} {1} of Call-ID {2} was handled before, here or on another node: {3}, not shown again", raw.method(), sequence,
                            raw.callId(), (answer == null) ? "not answered yet" : "answered again");
                    if (answer != null) {
                        Replies.respond(raw, transaction, Replies.upstream(RawResponse.decode(answer), raw));
                    }
                    return;
                }
                if (!dialog.acceptRemoteSequence(sequence)) {
                    Replies.reject(raw, transaction, 500, "Server Internal Error (CSeq out of order)");
                    return;
                }
            }
            if (raw.method().equals("PRACK") && this.prack(raw, toTag) == ReliableProvisionals.Match.NO_MATCH) {
                // RFC 3262 §3: a PRACK that matches no unacknowledged reliable provisional response
                Replies.reject(raw, transaction, 481, "Call/Transaction Does Not Exist (no reliable provisional response waits for this RAck)");
                return;
            }
            String servlet = deployment.servletOf(session);
            RequestAuthentication.Admission admission = this.authentication.admit(deployment, servlet, raw, transaction, peer);
            if (!admission.admitted()) {
                return; // answered 401, 407 or 403; the caller sends it again with a new CSeq
            }
            String contact = raw.headers().first(HeaderNames.CONTACT);
            if (contact != null && TARGET_REFRESHING.contains(raw.method())) {
                dialog.setRemoteTarget(SipGrammar.parseAddress(contact).uri().toString()); // target refresh
            }
            if (transaction != null) {
                session.transactionStarted();
            }
            request = this.core.received(deployment, raw, transaction, peer, false);
            if (admission.identity() != null) {
                request.setAuthenticatedUser(admission.identity().principal(), admission.identity().roles());
            }
            request.setSession(session);
            request.setResponseTag(toTag);
            if (transaction != null) {
                session.userAgentMessages(true).add(request);
                dialog.handling(raw.method());
            }
            session.access();
            ServletInvoker.service(deployment, servlet, request);
        } catch (SyntaxException e) {
            Replies.reject(raw, transaction, 400, "Bad Request (" + e.getMessage() + ")");
        } finally {
            deployment.finish(found.applicationSession(), request);
        }
    }

    private void cancel(RawRequest cancel, ServerTransaction transaction) {
        if (this.relay.cancel(cancel, transaction)) {
            return; // an INVITE relayed by the application router's routes: the CANCEL follows it
        }
        PendingInvites.Pending pending = this.pendingInvites.cancelledBy(cancel);
        if (pending == null) {
            // not an INVITE this node received: one of a call in set-up whose node died, or one with its final response
            String transactionKey = transactionKey(cancel);
            this.handle(transactionKey, cancel, transaction, () -> {
                String applicationSessionId = this.deployments.boundTo(transactionKey);
                if (applicationSessionId.equals(transactionKey)) {
                    this.cancelTakenOver(cancel, transaction, applicationSessionId);
                } else {
                    this.handle(applicationSessionId, cancel, transaction, () -> this.cancelTakenOver(cancel, transaction, applicationSessionId));
                }
            });
            return;
        }
        Replies.reject(cancel, transaction, 200, "OK");
        if (pending.cancelBeforeStart()) {
            LOGGER.log(Level.DEBUG, "CANCEL of Call-ID {0} came before its INVITE's turn: the INVITE will be answered 487", cancel.callId());
            return;
        }
        // the INVITE started in its application session: the CANCEL waits its turn there, behind the INVITE
        this.executor.execute(pending.applicationSessionId(), () -> {
            SipServletRequestImpl invite = pending.invite();
            if (invite == null || invite.finalResponse() != null) {
                return; // answered before the CANCEL was processed: the CANCEL has no effect (RFC 3261 §9.2)
            }
            Deployment deployment = pending.deployment();
            this.cancelled(deployment, deployment.find(pending.applicationSessionId()), invite, cancel);
        });
    }

    /**
     * A CANCEL of an INVITE this node did not receive: if the INVITE's call was in set-up on a node that died, its
     * application session (named by the INVITE's transaction) holds the INVITE, and this node answers both.
     */
    private void cancelTakenOver(RawRequest cancel, ServerTransaction transaction, String applicationSessionId) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        SipServletRequestImpl invite = null;
        if (found != null) {
            for (Iterator<?> sessions = found.applicationSession().getSessions("SIP"); sessions.hasNext() && invite == null;) {
                SipSessionImpl session = (SipSessionImpl) sessions.next();
                if (session.data().receivedInvite() != null) {
                    session.pendingInvite(true); // rebuilt here, and known among the pending INVITEs from now on
                    PendingInvites.Pending pending = this.pendingInvites.cancelledBy(cancel);
                    invite = (pending != null) ? pending.invite() : null;
                }
            }
        }
        if (invite == null || invite.finalResponse() != null) {
            this.notHere(cancel, transaction); // no INVITE of that branch, or it has its final response
            if (found != null) {
                found.deployment().finish(found.applicationSession(), null);
            }
            return;
        }
        LOGGER.log(Level.DEBUG, "CANCEL of Call-ID {0}, whose INVITE another node held, cancels it here", cancel.callId());
        Replies.reject(cancel, transaction, 200, "OK");
        this.cancelled(found.deployment(), found.applicationSession(), invite, cancel);
    }

    /** Ends a cancelled INVITE (487, or its proxy's branches cancelled) and shows the CANCEL to the application. */
    private void cancelled(Deployment deployment, SipApplicationSessionImpl applicationSession, SipServletRequestImpl invite, RawRequest cancel) {
        SipServletRequestImpl request = null;
        try {
            if (invite.getProxy(false) instanceof ProxyImpl proxy && proxy.isStarted()) {
                proxy.cancelFromUpstream(cancel.headers().all("Reason")); // the branches' 487 goes upstream as the best response
            } else if (invite.session() != null && invite.session().data().role() == org.wildfly.extras.sip.container.session.SipSessionData.Role.PROXY) {
                // proxied by a node that died while the phone rang: its branch is cancelled from the session's data
                this.proxies.cancelTakenOverBranch(invite.session(), cancel.headers().all("Reason"));
                invite.createResponse(487).send();
            } else {
                invite.createResponse(487).send();
            }
            request = this.core.received(deployment, cancel, null, invite.peer(), false);
            request.setSession(invite.session());
            request.commit();
            ServletInvoker.service(deployment, deployment.servletOf(invite.session()), request);
        } catch (IOException | javax.servlet.sip.TooManyHopsException e) {
            LOGGER.log(Level.WARNING, "Cannot answer 487 to the cancelled INVITE, Call-ID {0}: {1}", cancel.callId(), e.getMessage());
        } finally {
            if (applicationSession != null) {
                deployment.finish(applicationSession, request);
            }
        }
    }

    @Override
    public void responseReceived(RawResponse response, ClientTransaction transaction) {
        Object attachment = (transaction != null) ? transaction.attachment() : null;
        if (attachment == ProxyDispatch.CANCEL_OF_BRANCH || RequestRelay.isCancelOfRelayed(attachment)) {
            return; // the answer to a proxy's or a relay's CANCEL: the INVITE's branch gets its 487
        }
        if (attachment instanceof RequestRelay.Relayed relayed) {
            this.relay.responded(relayed, response);
            return;
        }
        if (attachment instanceof ProxyBranchImpl branch) {
            this.executor.execute(branch.proxy().original().session().getApplicationSession().getId(), () -> this.proxies.branchResponse(this.core, branch, response));
            return;
        }
        if (attachment == null && this.answersTakenOverInvite(response)) {
            return;
        }
        if (attachment == null && this.proxies.forwardStray(response)) {
            return;
        }
        if (attachment == null && this.answersTakenOverBranch(response)) {
            return;
        }
        if (!(attachment instanceof PendingRequest pending)) {
            if (response.status() >= 200 && response.status() < 300) {
                this.core.acknowledgeAgain(response); // a 2xx retransmission after its transaction ended (RFC 3261 §13.2.2.4)
            }
            return;
        }
        this.executor.execute(pending.applicationSessionId(), () -> this.responded(pending, response, pending.request().peer()));
    }

    /**
     * A response to an initial INVITE that one of our SIP sessions sent (our tag in From), with no transaction here: the
     * node that sent the INVITE may have died while the callee rang, the balancer then sends the callee's answers to a
     * live node. On the session's queue, it is taken as the answer to the INVITE rebuilt from the session's data, as the
     * dead node would have taken it; else a 2xx is acknowledged again, as any 2xx after its transaction.
     * @return {@code false} if it is not such a response
     */
    private boolean answersTakenOverInvite(RawResponse response) {
        String applicationSessionId;
        String cseq = response.headers().first(HeaderNames.CSEQ);
        try {
            applicationSessionId = SessionKeys.applicationSessionId(Dialogs.tag(response.headers(), HeaderNames.FROM));
        } catch (SyntaxException e) {
            return false;
        }
        if (applicationSessionId == null || cseq == null || !cseq.trim().endsWith("INVITE")) {
            return false;
        }
        String key = response.callId() + ' ' + cseq.trim();
        this.executor.execute(applicationSessionId, () -> {
            PendingRequest pending = this.takenOver.get(key);
            if (pending == null && response.status() >= 200 && response.status() < 300) {
                pending = this.answeredInvites.get(key); // a 2xx sent again, or one of another dialog the INVITE forked into
            }
            if (pending == null) {
                pending = this.takeOverSentInvite(applicationSessionId, response, key);
            }
            if (pending != null) {
                this.responded(pending, response, null);
            } else if (response.status() >= 200 && response.status() < 300) {
                this.core.acknowledgeAgain(response); // a 2xx retransmission after its transaction ended (RFC 3261 §13.2.2.4)
            }
        });
        return true;
    }

    /**
     * A response to a branch that a proxy on another node sent (its Via branch names the call), with no transaction here:
     * that node died while the phone rang. On the call's queue it goes upstream as that proxy would have sent it; a 2xx
     * sent again after that goes upstream as any stray 2xx a proxy forwards (RFC 3261 §16.7).
     * @return {@code false} if its branch names no call
     */
    private boolean answersTakenOverBranch(RawResponse response) {
        String via = response.headers().first(HeaderNames.VIA);
        String applicationSessionId = null;
        if (via != null) {
            try {
                org.wildfly.extras.sip.container.syntax.Parameters parameters = new org.wildfly.extras.sip.container.syntax.Parameters();
                SipGrammar.parseParameterable(via, parameters);
                applicationSessionId = org.wildfly.extras.sip.container.dialog.Identifiers.keyOfBranch(parameters.get("branch"));
            } catch (SyntaxException e) {
                return false;
            }
        }
        if (applicationSessionId == null || response.headers().all(HeaderNames.VIA).size() < 2) {
            return false;
        }
        String key = applicationSessionId;
        this.executor.execute(key, () -> {
            if (!this.proxies.takenOverBranchResponse(response, key) && response.status() >= 200 && response.status() < 300) {
                this.proxies.forwardUpstream(response);
            }
        });
        return true;
    }

    /** @return the INVITE another node sent in this application session that a response answers, as taken over here; or {@code null} */
    private PendingRequest takeOverSentInvite(String applicationSessionId, RawResponse response, String key) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        if (found == null) {
            return null;
        }
        String cseq = response.headers().first(HeaderNames.CSEQ).trim();
        for (Iterator<?> sessions = found.applicationSession().getSessions("SIP"); sessions.hasNext();) {
            SipSessionImpl session = (SipSessionImpl) sessions.next();
            if (session.data().sentInvite() != null && session.data().callId().equals(response.callId()) && !session.holdsInitialInvite(false)
                    && session.pendingInvite(false) instanceof SipServletRequestImpl sent && cseq.equals(sent.raw().headers().first(HeaderNames.CSEQ).trim())) {
                LOGGER.log(Level.DEBUG, "Response {0} for Call-ID {1}, to an INVITE another node sent, is taken here", response.status(), response.callId());
                PendingRequest pending = new PendingRequest(found.deployment(), applicationSessionId, sent);
                this.takenOver.put(key, pending);
                // its answers come within the INVITE's transaction time; after that only the UAC core's ACKs are left to send
                this.scheduler.schedule(() -> this.takenOver.remove(key), TAKEN_OVER_LIFETIME.toSeconds(), TimeUnit.SECONDS);
                return pending;
            }
        }
        found.deployment().finish(found.applicationSession(), null);
        return null;
    }

    @Override
    public void transactionTimedOut(ClientTransaction transaction) {
        if (transaction.attachment() instanceof RequestRelay.Relayed relayed) {
            this.relay.timedOut(relayed);
            return;
        }
        if (transaction.attachment() instanceof ProxyBranchImpl branch) {
            this.executor.execute(branch.proxy().original().session().getApplicationSession().getId(), () -> this.proxies.branchResponse(this.core, branch, null));
            return;
        }
        if (!(transaction.attachment() instanceof PendingRequest pending)) {
            return;
        }
        // the UAC core reports a timeout as a 408 (RFC 3261 §8.1.3.1)
        RawResponse timeout = RawResponse.answering(pending.request().raw(), 408, null);
        this.executor.execute(pending.applicationSessionId(), () -> this.responded(pending, timeout, null));
    }

    /** A response to a request the application sent: the dialog follows it, then the application sees it. */
    private void responded(PendingRequest pending, RawResponse raw, Peer peer) {
        if (pending.finalResponses().get() > 0 && raw.status() < 200) {
            return; // a provisional response overtaken by the final one (the stack delivers concurrently): stale
        }
        if (raw.status() > 100 && raw.status() < 200 && raw.headers().contains("RSeq") && !pending.request().reliableReceived(SipServletResponseImpl.rseq(raw))) {
            return; // a reliable provisional response sent again: the application had it (RFC 3262 §4)
        }
        if (pending.isSuccessRetransmission(raw)) {
            // its sender has not had our ACK yet. The UAC core answers it (RFC 3261 §13.2.2.4), not the application:
            // handed over, it would be one more 2xx waiting for an ACK, and a B2BUA would send its callee a second ACK
            this.core.acknowledgeAgain(raw);
            return;
        }
        if (raw.status() >= 200) {
            pending.finalResponses().incrementAndGet();
        }
        try {
            this.deliverResponse(pending, raw, peer);
        } finally {
            if (raw.status() >= 200) {
                pending.deployment().requestAnswered(pending); // handled: an application that stops may now close its sessions
            }
        }
    }

    /**
     * @return whether a 2xx to an initial INVITE comes from another dialog than the one its session's first 2xx
     *         confirmed: the INVITE forked downstream, and each 2xx makes a dialog (RFC 3261 §13.2.2.4)
     */
    private static boolean isForkedSuccess(SipSessionImpl session, SipServletRequestImpl request, RawResponse raw) {
        if (!request.getMethod().equals("INVITE") || !request.isInitial() || raw.status() < 200 || raw.status() >= 300) {
            return false;
        }
        DialogState dialog = session.data().dialog();
        try {
            String toTag = Dialogs.tag(raw.headers(), HeaderNames.TO);
            return dialog != null && dialog.state() == DialogState.State.CONFIRMED && toTag != null && !toTag.equals(dialog.remoteTag());
        } catch (SyntaxException e) {
            return false;
        }
    }

    /**
     * A 2xx of another dialog than the first 2xx's (JSR 289 §6.2.3.2, derived sessions): the application gets it in a new
     * SIP session of the same application session, derived from the INVITE's, whose dialog is the one this 2xx makes;
     * the application acknowledges it there, and may hang it up.
     */
    private void deliverForkedSuccess(Deployment deployment, SipApplicationSessionImpl applicationSession, SipSessionImpl session, SipServletRequestImpl request,
            RawResponse raw, Peer peer) {
        try {
            SipSessionData data = session.data().derived(SessionKeys.newSipSessionId(), System.currentTimeMillis());
            DialogState dialog = Dialogs.asUac(request.raw(), raw);
            dialog.setState(DialogState.State.CONFIRMED);
            data.setDialog(dialog);
            data.setState(SipSessionData.State.CONFIRMED);
            SipSessionImpl derived = applicationSession.createSipSession(data);
            SipServletResponseImpl response = SipServletResponseImpl.received(raw, request, this.core, peer);
            response.setSession(derived);
            derived.access();
            derived.userAgentMessages(false).add(response); // pending until the application acknowledges it
            LOGGER.log(Level.DEBUG, "A 2xx of another dialog for the INVITE of Call-ID {0}: derived SIP session {1}", raw.callId(), derived.getId());
            ServletInvoker.deliver(deployment, deployment.servletOf(derived), response);
        } catch (SyntaxException | RuntimeException e) {
            LOGGER.log(Level.ERROR, "Application " + deployment.applicationName() + " failed on a forked 2xx to INVITE, Call-ID " + raw.callId(), e);
        } finally {
            deployment.finish(applicationSession, null);
        }
    }

    private void deliverResponse(PendingRequest pending, RawResponse raw, Peer peer) {
        Deployment deployment = pending.deployment();
        SipApplicationSessionImpl applicationSession = deployment.find(pending.applicationSessionId());
        if (applicationSession == null) {
            LOGGER.log(Level.DEBUG, "Response {0} for Call-ID {1} arrived after its application session ended", raw.status(), raw.callId());
            return;
        }
        SipServletRequestImpl request = pending.request();
        SipSessionImpl session = request.session();
        if (raw.status() >= 200) {
            request.finalResponseReceived();
        }
        if (session != null && isForkedSuccess(session, request, raw)) {
            this.deliverForkedSuccess(deployment, applicationSession, session, request, raw, peer);
            return;
        }
        if (request.getMethod().equals("CANCEL") || request.isContainerOwn()) {
            // the answer to a CANCEL is the container's business (the INVITE's 487 goes to the application), and so is
            // the answer to the BYE the container sent on its own
            if (raw.status() >= 200 && session != null) {
                try {
                    UserAgentCore.updateUacDialog(session, request, raw);
                } catch (SyntaxException e) {
                    LOGGER.log(Level.DEBUG, "Response {0} for Call-ID {1}: {2}", raw.status(), raw.callId(), e.getMessage());
                }
                session.transactionEnded();
            }
            deployment.finish(applicationSession, null);
            return;
        }
        boolean cancelled = raw.status() >= 200 && request.getMethod().equals("INVITE") && this.core.cancelledBeforeAnswer(request);
        try {
            if (session != null) {
                UserAgentCore.updateUacDialog(session, request, raw);
            }
            SipServletResponseImpl response = SipServletResponseImpl.received(raw, request, this.core, peer);
            if (session != null) {
                session.access();
                if (request.getMethod().equals("INVITE") && raw.status() >= 200 && raw.status() < 300) {
                    session.userAgentMessages(false).add(response); // pending until the application acknowledges it
                    session.data().setReceivedSuccess(raw.encode()); // and so on any node the caller's ACK reaches
                    if (request.isInitial()) {
                        String key = raw.callId() + ' ' + raw.headers().first(HeaderNames.CSEQ).trim();
                        this.answeredInvites.put(key, pending);
                        this.scheduler.schedule(() -> this.answeredInvites.remove(key, pending), this.retransmitter.ackWait().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
            ServletInvoker.deliver(deployment, deployment.servletOf(session), response);
            if (cancelled && raw.status() < 300 && session != null && !response.isAcknowledged()) {
                endCancelledAnswer(deployment, session, response);
            }
        } catch (SyntaxException | RuntimeException e) {
            LOGGER.log(Level.ERROR, "Application " + deployment.applicationName() + " failed on response " + raw.status() + " to " + request.getMethod() + ", Call-ID " + raw.callId(), e);
        } finally {
            if (raw.status() >= 200 && session != null) {
                session.transactionEnded();
            }
            deployment.finish(applicationSession, null);
        }
    }

    /**
     * A 2xx that crossed the CANCEL the application sent for its INVITE, and that the application left unacknowledged:
     * the call it wanted no more is up at the callee. The container acknowledges it and hangs up (RFC 3261 §9.1, §15),
     * as an application whose caller already has its 487 has no one to relay it to; otherwise the callee would resend
     * its 2xx for 32 s and then hang up itself.
     */
    private static void endCancelledAnswer(Deployment deployment, SipSessionImpl session, SipServletResponseImpl response) {
        LOGGER.log(Level.INFO, "The {0} to the INVITE application {1} cancelled crossed its CANCEL (Call-ID {2}): acknowledged and hung up", response.getStatus(),
                deployment.applicationName(), response.getCallId());
        try {
            response.createAck().send();
            deployment.sendOwnBye(session);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot end the call the 2xx of Call-ID {0} set up after its CANCEL: {1}", response.getCallId(), e.toString());
        }
    }

    /**
     * A NOTIFY that came before the 2xx to the SUBSCRIBE or REFER a session of ours sent (RFC 6665 §4.1.2.4): it sets up
     * the session's dialog. Only on the node that sent the request, which keeps it until its final response.
     * @return the session, now with its dialog, or {@code null}
     */
    private static SipSessionImpl awaitingNotify(SipApplicationSessionImpl applicationSession, RawRequest notify, String toTag) throws SyntaxException {
        for (Iterator<?> sessions = applicationSession.getSessions("SIP"); sessions.hasNext();) {
            SipSessionImpl session = (SipSessionImpl) sessions.next();
            if (session.data().dialog() != null || !session.getCallId().equals(notify.callId())) {
                continue;
            }
            for (Object sent : session.userAgentMessages(false)) {
                if (sent instanceof SipServletRequestImpl request && request.isInitial() && Subscriptions.subscribes(request.getMethod())
                        && toTag.equals(Dialogs.tag(request.raw().headers(), HeaderNames.FROM))) {
                    UserAgentCore.subscribe(session.data(), Subscriptions.fromNotify(request.raw(), notify), Subscriptions.of(notify, false));
                    return session;
                }
            }
        }
        return null;
    }
}
