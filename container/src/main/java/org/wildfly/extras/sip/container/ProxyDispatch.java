package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.ar.SipApplicationRoutingDirective;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.dialog.Subscriptions;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.message.MessageSender;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.proxy.ProxyBranchImpl;
import org.wildfly.extras.sip.container.proxy.ProxyImpl;
import org.wildfly.extras.sip.container.proxy.ProxyServices;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.ua.RecentAcks;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.SipTransport;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The container's proxy plumbing (RFC 3261 §16, JSR 289 §10): it gives {@link ProxyImpl} the transport and the
 * application, recognises the Route of a dialog a proxy application record-routed, and forwards what needs no
 * application (an ACK for a 2xx, a 2xx retransmission).
 */
final class ProxyDispatch {

    private static final System.Logger LOGGER = System.getLogger(ProxyDispatch.class.getName());

    private final SipTransport transport;
    private final NodeAddresses addresses;
    private final DeploymentManager deployments;
    private final PendingInvites pendingInvites;
    private final RecentAcks acks;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor executor;
    private final ApplicationComposition composition;

    ProxyDispatch(SipTransport transport, NodeAddresses addresses, DeploymentManager deployments, PendingInvites pendingInvites, RecentAcks acks,
            ScheduledExecutorService scheduler, SerialExecutor executor, ApplicationComposition composition) {
        this.composition = composition;
        this.transport = transport;
        this.addresses = addresses;
        this.deployments = deployments;
        this.pendingInvites = pendingInvites;
        this.acks = acks;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** Record-Route parameters that name a proxy's sessions, so that any node finds them again. */
    static final String RECORD_ROUTE_APPLICATION_SESSION = "sipas";
    static final String RECORD_ROUTE_SIP_SESSION = "sipss";
    static final Object CANCEL_OF_BRANCH = new Object();

    /** The proxy of a received request ({@code SipServletRequest.getProxy()}); its messages are sent through the sender. */
    javax.servlet.sip.Proxy createProxy(SipServletRequestImpl request, MessageSender sender) {
        SipSessionImpl session = request.session();
        SipApplicationSessionImpl applicationSession = (SipApplicationSessionImpl) session.getApplicationSession();
        Deployment deployment = this.deployments.serving(applicationSession.getApplicationName());
        return new ProxyImpl(request, new ProxyPlumbing(deployment, applicationSession.getId(), sender), deployment.definition().proxyTimeoutSeconds(), false, true);
    }

    /** Pops the top Route if it names this container or its cluster (RFC 3261 §16.4): @return the popped value, or {@code null} */
    String popOwnRoute(RawRequest request) {
        String route = request.headers().first(HeaderNames.ROUTE);
        if (route == null) {
            return null;
        }
        try {
            if (SipGrammar.parseAddress(route).uri() instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax uri && this.isOwn(uri)) {
                request.headers().removeFirst(HeaderNames.ROUTE);
                return route;
            }
        } catch (SyntaxException e) {
            LOGGER.log(Level.DEBUG, "Malformed Route left in place, Call-ID {0}: {1}", request.callId(), e.getMessage());
        }
        return null;
    }

    private boolean isOwn(org.wildfly.extras.sip.container.syntax.SipUriSyntax uri) {
        // a parameter written by a node of this cluster, or this node's or the cluster's address
        return uri.parameters().get(RECORD_ROUTE_APPLICATION_SESSION) != null || this.addresses.isOwn(uri);
    }

    static String routeParameter(String route, String name) {
        try {
            if (SipGrammar.parseAddress(route).uri() instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax uri) {
                String value = uri.parameters().get(name);
                return (value != null && !value.isEmpty()) ? value : null;
            }
        } catch (SyntaxException e) {
            return null;
        }
        return null;
    }

    /**
     * A request within a dialog that a proxy application record-routed: the application sees it (JSR 289 §10.2.5),
     * then the container forwards it to its request-URI; an ACK for a 2xx is forwarded without a transaction.
     */
    void proxiedDialogRequest(MessageSender sender, RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId, String sipSessionId,
            String poppedRoute) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        Deployment deployment = (found != null) ? found.deployment() : null;
        SipApplicationSessionImpl applicationSession = (found != null) ? found.applicationSession() : null;
        SipSessionImpl session = (applicationSession != null && sipSessionId != null) ? (SipSessionImpl) applicationSession.getSipSession(sipSessionId) : null;
        if (session != null) {
            session = dialogOfForkedInvite(applicationSession, session, raw);
        }
        if (session == null || !session.isValid()) {
            LOGGER.log(Level.DEBUG, "{0} for a proxied dialog whose session ended, Call-ID {1}", raw.method(), raw.callId());
            Replies.notHere(raw, transaction, this.suspended.getAsBoolean());
            return;
        }
        SipServletRequestImpl request = null;
        try {
            request = this.addresses.received(sender, deployment, raw, transaction, peer, false);
            request.setSession(session);
            request.setPoppedRoute(poppedRoute);
            session.access();
            if (raw.method().equals("ACK")) {
                this.forwardAck(deployment, session, request, sipSessionId);
                return;
            }
            ProxyImpl proxy = new ProxyImpl(request, new ProxyPlumbing(deployment, applicationSessionId, sender), deployment.definition().proxyTimeoutSeconds(), true,
                    session.data().supervised());
            request.setProxy(proxy);
            request.markProxying();
            session.transactionStarted();
            if (raw.method().equals("INVITE")) {
                this.pendingInvites.add(deployment, applicationSessionId, request);
            }
            ServletInvoker.service(deployment, deployment.servletOf(session), request);
            proxy.forwardSubsequent();
        } finally {
            deployment.finish(applicationSession, null);
        }
    }

    // whether the host suspended this node (see Replies.notHere)
    private volatile java.util.function.BooleanSupplier suspended = () -> false;

    void suspendedWhen(java.util.function.BooleanSupplier suspended) {
        this.suspended = suspended;
    }

    /** A branch's response, or {@code null} when its transaction timed out. */
    void branchResponse(MessageSender sender, ProxyBranchImpl branch, RawResponse raw) {
        ProxyImpl proxy = branch.proxy();
        SipSessionImpl session = proxy.original().session();
        SipApplicationSessionImpl applicationSession = (SipApplicationSessionImpl) session.getApplicationSession();
        // an application that stops still takes the answers to what it proxied (DeploymentManager#undeploy)
        Deployment deployment = this.deployments.serving(applicationSession.getApplicationName());
        SipApplicationSessionImpl current = deployment.find(applicationSession.getId());
        try {
            SipServletResponseImpl response = (raw != null) ? SipServletResponseImpl.proxied(raw, branch, branch.request(), sender, null)
                    : new ProxyPlumbing(deployment, applicationSession.getId(), sender).synthesize(branch, 408);
            if (raw != null && current != null) {
                forkedSuccessSession(current, proxy.original(), response, raw);
            }
            proxy.responseReceived(branch, response);
        } finally {
            deployment.finish(current, null);
            if (raw == null || raw.status() >= 200) {
                deployment.requestAnswered(branch);
            }
        }
    }

    /** A response outside any transaction with a Via of ours on top of another: a 2xx retransmission a proxy forwards (RFC 3261 §16.7). */
    boolean forwardStray(RawResponse response) {
        List<String> vias = response.headers().all(HeaderNames.VIA);
        if (vias.size() < 2 || !this.addresses.isOwnVia(vias.get(0))) {
            return false;
        }
        this.forwardUpstream(response);
        return true;
    }

    /** Forwards a response without a transaction: its top Via (ours, or a dead node's of this cluster) removed. */
    void forwardUpstream(RawResponse response) {
        RawResponse forwarded = response.copy();
        forwarded.headers().removeFirst(HeaderNames.VIA);
        try {
            this.transport.sendStateless(forwarded);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot forward response {0} of Call-ID {1}: {2}", response.status(), response.callId(), e.getMessage());
        }
    }

    /**
     * A response to a branch a proxy on another node sent, which died while the phone rang: the balancer sent it to this
     * node, and its Via branch names the call's application session ({@link Identifiers#branchFor}). It goes upstream as
     * that proxy would have sent it: with the Vias of the INVITE it received, kept in its SIP session's data; a final
     * response ends the INVITE there. The application does not see it: the proxy's branches (its Proxy and ProxyBranch
     * objects) died with their node. Runs on the call's queue.
     * @return whether the response belonged to such a call
     */
    boolean takenOverBranchResponse(RawResponse response, String applicationSessionId) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        if (found == null) {
            return false;
        }
        try {
            for (java.util.Iterator<?> sessions = found.applicationSession().getSessions("SIP"); sessions.hasNext();) {
                SipSessionImpl session = (SipSessionImpl) sessions.next();
                SipSessionData data = session.data();
                if (data.role() != SipSessionData.Role.PROXY || data.receivedInvite() == null || !data.callId().equals(response.callId())) {
                    continue;
                }
                RawRequest original = RawRequest.decode(data.receivedInvite());
                RawResponse forwarded = response.copy();
                forwarded.headers().remove(HeaderNames.VIA);
                for (String via : original.headers().all(HeaderNames.VIA)) {
                    forwarded.headers().add(HeaderNames.VIA, via);
                }
                int status = response.status();
                if (data.recordRouted()) {
                    if (status > 100 && status < 200 && data.state() == SipSessionData.State.INITIAL) {
                        data.setState(SipSessionData.State.EARLY);
                    } else if (status >= 200 && status < 300) {
                        data.setState(SipSessionData.State.CONFIRMED);
                    } else if (status >= 300) {
                        data.setState(SipSessionData.State.TERMINATED);
                    }
                }
                if (status >= 200) {
                    data.setReceivedInvite(null);
                    data.setSentInvite(null);
                }
                try {
                    this.transport.sendStateless(forwarded);
                    found.deployment().messageOut();
                } catch (IOException e) {
                    LOGGER.log(Level.DEBUG, "Cannot forward {0} upstream, Call-ID {1}: {2}", status, response.callId(), e.getMessage());
                }
                LOGGER.log(Level.DEBUG, "Response {0} for Call-ID {1}, to a branch another node proxied, forwarded here", status, response.callId());
                return true;
            }
            return false;
        } finally {
            found.deployment().finish(found.applicationSession(), null);
        }
    }

    /** Cancels the branch a proxy on a node that died sent (kept in its SIP session's data), for the caller's CANCEL. */
    void cancelTakenOverBranch(SipSessionImpl session, List<String> reasons) {
        byte[] branch = session.data().sentInvite();
        if (branch == null) {
            return;
        }
        session.data().setSentInvite(null);
        RawRequest cancel = RawRequest.decode(branch).cancelling();
        reasons.forEach(reason -> cancel.headers().add("Reason", reason));
        try {
            this.transport.send(cancel, CANCEL_OF_BRANCH);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot cancel the branch of Call-ID {0}: {1}", cancel.callId(), e.getMessage());
        }
    }

    /**
     * The ACK of a 2xx in a record-routed dialog: the application sees it once, and it goes on to the callee. The caller's
     * ACK sent again, for a 2xx that came twice, goes on as the same ACK as the first (same branch, same headers as the
     * application left them): the callee, who may still wait for it, takes it as a retransmission, rather than as a
     * second ACK it did not expect (a strict phone, like sipp, drops the call on one).
     */
    private void forwardAck(Deployment deployment, SipSessionImpl session, SipServletRequestImpl request, String sipSessionId) {
        RawRequest raw = request.raw();
        // the dialog's tags too: the ACKs of two dialogs of a forked INVITE share the Call-ID, the Route and the CSeq
        String key = "proxied " + raw.callId() + ' ' + sipSessionId + ' ' + Dialogs.cseqNumberOrNone(raw.headers()) + ' ' + session.data().proxiedDialogTag();
        if (this.acks.firstReceived(key)) {
            ServletInvoker.service(deployment, deployment.servletOf(session), request);
            RawRequest forwarded = this.forwardStateless(raw);
            if (forwarded != null) {
                this.acks.sent(key, forwarded);
            }
            return;
        }
        RawRequest before = this.acks.sentFor(key);
        if (before == null) {
            this.forwardStateless(raw); // the first went through another node: its branch derives from the same ACK
            return;
        }
        try {
            this.transport.sendStateless(before);
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Cannot forward the ACK of Call-ID {0} again: {1}", raw.callId(), e.getMessage());
        }
    }

    /**
     * Forwards an end-to-end ACK of a record-routed dialog (RFC 3261 §16.11: no transaction), with a branch that derives
     * from the ACK as received, so that any node forwards the same ACK with the same branch.
     * @return the ACK as forwarded, or {@code null} if it was not
     */
    private RawRequest forwardStateless(RawRequest ack) {
        RawRequest forwarded = ack.copy();
        try {
            String receivedVia = ack.headers().first(HeaderNames.VIA);
            this.addresses.routeOutbound(forwarded);
            this.addresses.addTopVia(forwarded, Identifiers.derivedBranch(ack.callId() + '|' + ((receivedVia != null) ? receivedVia : "")));
            String maxForwards = forwarded.headers().first(HeaderNames.MAX_FORWARDS);
            int hops = (maxForwards != null) ? Integer.parseInt(maxForwards.trim()) : 70;
            if (hops <= 0) {
                return null;
            }
            forwarded.headers().set(HeaderNames.MAX_FORWARDS, Integer.toString(hops - 1));
            this.transport.sendStateless(forwarded);
            return forwarded;
        } catch (IOException | NumberFormatException e) {
            LOGGER.log(Level.DEBUG, "Cannot forward ACK of Call-ID {0}: {1}", ack.callId(), e.getMessage());
            return null;
        }
    }

    /** The container's side of one application session's proxies. */
    private final class ProxyPlumbing implements ProxyServices {
        private final Deployment deployment;
        private final String applicationSessionId;
        private final MessageSender sender;

        ProxyPlumbing(Deployment deployment, String applicationSessionId, MessageSender sender) {
            this.deployment = deployment;
            this.applicationSessionId = applicationSessionId;
            this.sender = sender;
        }

        @Override
        public SipServletRequestImpl branchRequest(SipServletRequestImpl original, RawRequest raw) {
            SipServletRequestImpl request = new SipServletRequestImpl(raw, null, original.isInitial(), this.sender, null, null, -1, this.deployment.servletContext());
            request.setSession(original.session());
            if (original.isInitial()) {
                request.continues(SipApplicationRoutingDirective.CONTINUE, original); // a proxy continues the composition
            }
            return request;
        }

        @Override
        public void send(ProxyBranchImpl branch) throws IOException {
            RawRequest raw = branch.request().raw();
            // an initial request goes on to the next application the router names, if any (JSR 289 §15.4.1)
            boolean composed = branch.proxy().original().isInitial() && ProxyDispatch.this.composition.route(branch.request());
            if (!composed) {
                ProxyDispatch.this.addresses.routeOutbound(raw);
            }
            // the branch names the call: should this node die while the phone rings, its answers lead a live node to it
            ProxyDispatch.this.addresses.addTopVia(raw, Identifiers.branchFor(this.applicationSessionId), branch.proxy().outboundInterface());
            SipServletRequestImpl original = branch.proxy().original();
            if (original.isInitial() && raw.method().equals("INVITE")) {
                original.session().data().setSentInvite(raw.encode()); // the branch a node that takes the call over cancels
            }
            if (Deployment.awaitsAnswer(raw.method())) {
                this.deployment.requestSent(branch);
            }
            try {
                ProxyDispatch.this.transport.send(raw, branch);
            } catch (IOException | RuntimeException e) {
                this.deployment.requestAnswered(branch); // no answer will come
                throw e;
            }
            this.deployment.messageOut();
        }

        @Override
        public void cancel(ProxyBranchImpl branch, List<String> reasons) {
            RawRequest invite = branch.request().raw();
            RawRequest cancel = invite.cancelling();
            reasons.forEach(reason -> cancel.headers().add("Reason", reason));
            try {
                ProxyDispatch.this.transport.send(cancel, CANCEL_OF_BRANCH);
            } catch (IOException e) {
                LOGGER.log(Level.DEBUG, "Cannot cancel the branch to {0}, Call-ID {1}: {2}", branch.target(), invite.callId(), e.getMessage());
            }
        }

        @Override
        public void forward(ProxyImpl proxy, SipServletResponseImpl response) {
            SipServletRequestImpl original = proxy.original();
            RawResponse raw = Replies.upstream(response.raw(), original.raw());
            int status = raw.status();
            SipSessionImpl session = original.session();
            updateProxiedDialog(session, original, raw);
            response.commit();
            boolean invite = original.getMethod().equals("INVITE");
            this.deployment.messageOut();
            try {
                original.transaction().respond(raw);
            } catch (IOException e) {
                if (invite && status >= 200 && status < 300) {
                    try {
                        ProxyDispatch.this.transport.sendStateless(raw); // a further 2xx, after the transaction ended on the first
                    } catch (IOException stateless) {
                        LOGGER.log(Level.DEBUG, "Cannot forward {0} upstream, Call-ID {1}: {2}", status, raw.callId(), stateless.getMessage());
                    }
                } else {
                    LOGGER.log(Level.DEBUG, "Cannot forward {0} upstream, Call-ID {1}: {2}", status, raw.callId(), e.getMessage());
                }
            }
            if (status >= 200 && original.finalResponse() == null) {
                original.finalResponseSent(response);
                if (invite && original.isInitial()) {
                    session.data().setSentInvite(null);
                }
                session.transactionEnded();
                if (invite) {
                    ProxyDispatch.this.pendingInvites.answered(original.raw());
                }
            }
        }

        @Override
        public void deliver(SipServletResponseImpl response) {
            SipSessionImpl session = response.session();
            session.access();
            ServletInvoker.deliver(this.deployment, this.deployment.servletOf(session), response);
        }

        @Override
        public SipServletResponseImpl synthesize(ProxyBranchImpl branch, int status) {
            RawResponse raw = Replies.withToTag(RawResponse.answering(branch.proxy().original().raw(), status, null));
            raw.headers().addFirst(HeaderNames.VIA, "SIP/2.0/UDP 0.0.0.0;branch=z9hG4bK-local"); // stands for ours, which forwarding strips
            return SipServletResponseImpl.proxied(raw, branch, branch.request(), this.sender, null);
        }

        @Override
        public String recordRoute(ProxyImpl proxy, String applicationUri, RawRequest request) {
            try {
                Peer upstream = proxy.original().peer();
                // a dialog that reached us over TLS comes back over TLS: the TLS listening point, as sips: (RFC 5630)
                String secureBase = (upstream != null && upstream.transport() == Transport.TLS) ? ProxyDispatch.this.addresses.secureRecordRouteBase() : null;
                org.wildfly.extras.sip.container.syntax.SipUriSyntax uri = SipGrammar.parseSipUri((applicationUri != null) ? applicationUri
                        : (secureBase != null) ? secureBase : this.recordRouteBase());
                if (upstream != null && upstream.transport() == Transport.TCP) {
                    uri.parameters().set("transport", "tcp");
                }
                uri.parameters().set("lr", "");
                uri.parameters().set(RECORD_ROUTE_APPLICATION_SESSION, this.applicationSessionId);
                uri.parameters().set(RECORD_ROUTE_SIP_SESSION, proxy.original().session().getId());
                return "<" + uri + ">";
            } catch (SyntaxException e) {
                throw new IllegalStateException("Cannot build the Record-Route of Call-ID " + request.callId() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String recordRouteBase() {
            return ProxyDispatch.this.addresses.recordRouteBase();
        }

        @Override
        public Runnable schedule(Runnable task, long delayMillis) {
            java.util.concurrent.ScheduledFuture<?> future = ProxyDispatch.this.scheduler.schedule(() -> ProxyDispatch.this.executor.execute(this.applicationSessionId, () -> {
                SipApplicationSessionImpl session = this.deployment.find(this.applicationSessionId);
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.ERROR, "Proxy timer of application session " + this.applicationSessionId + " failed", e);
                } finally {
                    this.deployment.finish(session, null);
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        }
    }

    /**
     * A 2xx to a record-routing proxy's initial INVITE (JSR 289 §6.2.3.2): the first names the dialog of the proxy's SIP
     * session; one with another callee tag, from another branch or a fork further down, makes a dialog of its own, which
     * the application sees in a derived SIP session, and whose requests reach that session
     * ({@link #dialogOfForkedInvite}).
     */
    private static void forkedSuccessSession(SipApplicationSessionImpl applicationSession, SipServletRequestImpl original, SipServletResponseImpl response, RawResponse raw) {
        SipSessionImpl session = original.session();
        int status = raw.status();
        if (status < 200 || status >= 300 || session == null || !session.data().recordRouted() || !original.isInitial() || !original.getMethod().equals("INVITE")) {
            return;
        }
        String tag;
        try {
            tag = Dialogs.tag(raw.headers(), HeaderNames.TO);
        } catch (SyntaxException e) {
            return;
        }
        String first = session.data().proxiedDialogTag();
        if (tag == null || first == null) {
            session.data().setProxiedDialogTag(tag);
            return;
        }
        if (first.equals(tag)) {
            return;
        }
        SipSessionImpl derived = proxiedDialogSession(applicationSession, raw.callId(), tag, null);
        if (derived == null) {
            SipSessionData copy = session.data().derived(SessionKeys.newSipSessionId(), System.currentTimeMillis());
            copy.setState(SipSessionData.State.CONFIRMED);
            copy.setProxiedDialogTag(tag);
            derived = applicationSession.createSipSession(copy);
            LOGGER.log(Level.DEBUG, "A 2xx of another dialog for the proxied INVITE of Call-ID {0}: derived SIP session {1}", raw.callId(), derived.getId());
        }
        response.setSession(derived);
    }

    /**
     * @param named the SIP session the request's Route names: the first dialog's of a forked INVITE
     * @return the SIP session of the request's dialog: the named one, or the one derived for another 2xx of its INVITE
     */
    private static SipSessionImpl dialogOfForkedInvite(SipApplicationSessionImpl applicationSession, SipSessionImpl named, RawRequest request) {
        String first = named.data().proxiedDialogTag();
        if (first == null) {
            return named;
        }
        try {
            String fromTag = Dialogs.tag(request.headers(), HeaderNames.FROM);
            String toTag = Dialogs.tag(request.headers(), HeaderNames.TO);
            if (first.equals(fromTag) || first.equals(toTag)) {
                return named;
            }
            SipSessionImpl derived = proxiedDialogSession(applicationSession, request.callId(), fromTag, toTag);
            return (derived != null) ? derived : named;
        } catch (SyntaxException e) {
            return named;
        }
    }

    /** @return the proxy's SIP session of the Call-ID whose dialog carries one of the tags, or {@code null} */
    private static SipSessionImpl proxiedDialogSession(SipApplicationSessionImpl applicationSession, String callId, String tag, String otherTag) {
        for (java.util.Iterator<?> sessions = applicationSession.getSessions("SIP"); sessions.hasNext();) {
            SipSessionImpl session = (SipSessionImpl) sessions.next();
            String carried = session.data().proxiedDialogTag();
            if (carried != null && session.data().role() == SipSessionData.Role.PROXY && session.getCallId().equals(callId)
                    && (carried.equals(tag) || carried.equals(otherTag))) {
                return session;
            }
        }
        return null;
    }

    /** Keeps the state of a record-routed proxy session in step with the responses it forwards. */
    private static void updateProxiedDialog(SipSessionImpl session, SipServletRequestImpl request, RawResponse response) {
        SipSessionData data = session.data();
        if (!data.recordRouted()) {
            return;
        }
        int status = response.status();
        String method = request.getMethod();
        if (request.isInitial() && method.equals("INVITE")) {
            if (status > 100 && status < 200 && data.state() == SipSessionData.State.INITIAL) {
                data.setState(SipSessionData.State.EARLY);
            } else if (status >= 200 && status < 300) {
                data.setState(SipSessionData.State.CONFIRMED);
            } else if (status >= 300 && data.state() != SipSessionData.State.CONFIRMED) {
                data.setState(SipSessionData.State.TERMINATED);
            }
        } else if (method.equals("BYE") && status >= 200) {
            data.setState(SipSessionData.State.TERMINATED);
        } else if (request.isInitial() && Subscriptions.subscribes(method) && status >= 200 && status < 300) {
            data.setState(SipSessionData.State.CONFIRMED); // a subscription's dialog, whose NOTIFYs pass here (RFC 6665 §4.3)
            data.setProxiedSubscription(true);
        } else if (method.equals("NOTIFY") && data.proxiedSubscription() && (status >= 200 && status < 300 && Subscriptions.terminates(request.raw()) || status == 481)) {
            data.setState(SipSessionData.State.TERMINATED);
        }
    }
}
