package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.time.Clock;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.SipTargetedRequestType;

import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.message.ApplicationSelection;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;

/**
 * Initial requests (JSR 289 §15): the application router picks the application, the application's mapping rules pick the
 * servlet, and the request starts a SIP session in a new application session, or in the one its key or encoded URI names.
 */
final class InitialRequests {

    private static final System.Logger LOGGER = System.getLogger(InitialRequests.class.getName());

    /** How the application router routed an initial request: what its application is told (JSR 289 §15.4.1). */
    private record Routing(SipApplicationRoutingDirective directive, SipApplicationRouterInfo info, String poppedRoute) {
    }

    /** Runs a step of an initial request under an application session's key, retried while that session is held elsewhere. */
    interface KeyedHandling {
        void handle(String key, RawRequest request, ServerTransaction transaction, Runnable handling);
    }

    private final SipApplicationRouter router;
    private final ApplicationComposition composition;
    private final RequestRelay relay;
    private final DeploymentManager deployments;
    private final UserAgentCore core;
    private final PendingInvites pendingInvites;
    private final Clock clock;
    private final RequestAuthentication authentication;

    InitialRequests(SipApplicationRouter router, ApplicationComposition composition, RequestRelay relay, DeploymentManager deployments, UserAgentCore core,
            PendingInvites pendingInvites, Clock clock, RequestAuthentication authentication) {
        this.relay = relay;
        this.authentication = authentication;
        this.router = router;
        this.composition = composition;
        this.deployments = deployments;
        this.core = core;
        this.pendingInvites = pendingInvites;
        this.clock = clock;
    }

    /**
     * Asks the application router which application an initial request goes to (JSR 289 §15.4), and hands it over. A
     * request an application of this container sent on comes back with the router's choice ({@link ApplicationComposition}).
     * @param poppedRoute the Route naming this container that was popped from the request, or {@code null}
     */
    void route(RawRequest raw, ServerTransaction transaction, Peer peer, String transactionKey, String poppedRoute, KeyedHandling keyed) {
        ApplicationComposition.Continuation continued = this.composition.resume(poppedRoute);
        if (continued == null && raw.method().equals("OPTIONS") && isNodeAddressed(raw.requestUri())) {
            // addressed to the node, not to a user (RFC 3261 §11): a load balancer's keep-alive; no application is woken for it
            answerOptions(raw, transaction);
            return;
        }
        SipApplicationRoutingDirective directive = (continued != null) ? continued.directive() : SipApplicationRoutingDirective.NEW;
        String popped = (continued != null && continued.poppedRoute() != null) ? continued.poppedRoute() : poppedRoute;
        SipApplicationRouterInfo info;
        try {
            if (continued != null && continued.chosen() != null) {
                info = continued.chosen();
            } else {
                SipServletRequestImpl probe = this.core.received(null, raw, transaction, peer, true);
                probe.setPoppedRoute(popped);
                ApplicationSelection resumed = (continued != null) ? continued.resumed() : null;
                info = this.router.getNextApplication(probe, (resumed != null) ? resumed.region() : null, directive, null, (resumed != null) ? resumed.stateInfo() : null);
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "The application router failed on " + raw.method() + ", Call-ID " + raw.callId(), e);
            Replies.reject(raw, transaction, 500, null);
            return;
        }
        boolean routed = info != null && info.getRouteModifier() != null && info.getRouteModifier() != SipRouteModifier.NO_ROUTE && info.getRoutes() != null
                && info.getRoutes().length > 0;
        if (routed && (info.getRouteModifier() == SipRouteModifier.ROUTE_BACK || !this.composition.isInternal(info.getRoutes()[0]))) {
            // out by the router's routes, no application of this container taking it now (JSR 289 §15.4.1)
            SipApplicationRouterInfo chosen = info;
            this.relay.forward(raw, transaction, out -> this.composition.pushExternal(out, chosen, directive), true);
            return;
        }
        if (routed) {
            popped = info.getRoutes()[0]; // an internal route: the application sees it as the route popped
        }
        Deployment deployment = (info != null && info.getNextApplicationName() != null) ? this.deployments.find(info.getNextApplicationName()) : null;
        if (deployment == null && continued != null) {
            // it came back through a ROUTE_BACK, and no application is left for it: it goes on by its Route and request-URI
            this.relay.forward(raw, transaction, out -> {
            }, true);
            return;
        }
        if (deployment == null) {
            if (raw.method().equals("OPTIONS")) {
                answerOptions(raw, transaction); // a load balancer's keep-alive probe, or a peer asking what we support
            } else {
                Replies.reject(raw, transaction, 404, null);
            }
            return;
        }
        Routing routing = new Routing(directive, info, popped);
        String servlet;
        String key;
        try {
            SipServletRequestImpl probe = this.core.received(deployment, raw, transaction, peer, true);
            servlet = deployment.definition().servletSelector().apply(probe);
            key = (deployment.definition().applicationKey() != null) ? deployment.definition().applicationKey().apply(probe) : null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Application " + deployment.applicationName() + " could not select a servlet or key for " + raw.method() + ", Call-ID " + raw.callId(), e);
            Replies.reject(raw, transaction, 500, null);
            return;
        }
        if (servlet == null) {
            Replies.reject(raw, transaction, 404, null); // no servlet-mapping rule matched
            return;
        }
        RequestAuthentication.Admission admission = this.authentication.admit(deployment, servlet, raw, transaction, peer);
        if (!admission.admitted()) {
            return; // answered 401, 407 or 403: no session was made for it
        }
        if (key != null) {
            // the application session of a @SipApplicationKey: join it, under its own key
            String keyedId = SessionKeys.fromKey(deployment.applicationName(), key);
            keyed.handle(keyedId, raw, transaction, () -> this.start(deployment, raw, transaction, peer, keyedId, null, routing, servlet, admission, null));
            return;
        }
        // a new session, under an id whose lock and primary copy are on this node (a distributable application's store
        // derives it from the transaction's); the request goes on in that id's turn, tried again while its binding is
        // held elsewhere (even where the id is the transaction's own, whose turn this is)
        String applicationSessionId = deployment.localId(transactionKey);
        keyed.handle(applicationSessionId, raw, transaction,
                () -> this.start(deployment, raw, transaction, peer, applicationSessionId, transactionKey, routing, servlet, admission, null));
    }

    /**
     * An initial request to a URI that {@code SipApplicationSession.encodeURI} made joins that application session
     * (JSR 289 §15.11.2, the encoded URI case), on whichever node holds it now.
     */
    void targeted(RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId) {
        DeploymentManager.Found found = this.deployments.holding(applicationSessionId);
        if (found == null) {
            Replies.reject(raw, transaction, 404, "Not Found (the application session of this URI ended)");
            return;
        }
        Deployment deployment = found.deployment();
        String servlet;
        try {
            servlet = deployment.definition().servletSelector().apply(this.core.received(deployment, raw, transaction, peer, true));
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Application " + deployment.applicationName() + " could not select a servlet for " + raw.method() + ", Call-ID " + raw.callId(), e);
            Replies.reject(raw, transaction, 500, null);
            return;
        }
        String target = (servlet != null) ? servlet : deployment.servletOf(null);
        RequestAuthentication.Admission admission = this.authentication.admit(deployment, target, raw, transaction, peer);
        if (admission.admitted()) {
            this.start(deployment, raw, transaction, peer, applicationSessionId, null, null, target, admission, null);
        }
    }

    /**
     * An INVITE whose Join or Replaces header names a dialog of ours (JSR 289 §15.11.3, RFC 3911, RFC 3891): the router
     * is told it is targeted at that dialog's application, and the request starts a SIP session in that dialog's
     * application session, whose {@code getCorrespondingSipSession} names the session of the dialog. A dialog of ours
     * that is no longer there gets 481 (RFC 3891 §3).
     */
    void joining(RawRequest raw, ServerTransaction transaction, Peer peer, DialogReference reference) {
        DeploymentManager.Found found = this.deployments.holding(reference.applicationSessionId());
        SipSessionImpl referenced = null;
        if (found != null) {
            referenced = found.applicationSession().dialogSession(reference.callId(), reference.toTag(), reference.fromTag());
            if (referenced == null) {
                referenced = found.applicationSession().dialogSession(reference.callId(), reference.fromTag(), reference.toTag());
            }
        }
        if (referenced == null || !referenced.isValid()) {
            Replies.reject(raw, transaction, 481, "Call/Transaction Does Not Exist (no dialog matches the " + reference.header() + " header)");
            return;
        }
        Deployment deployment = found.deployment();
        SipTargetedRequestType type = reference.header().equals("Join") ? SipTargetedRequestType.JOIN : SipTargetedRequestType.REPLACES;
        SipApplicationRouterInfo info;
        String servlet;
        try {
            SipServletRequestImpl probe = this.core.received(deployment, raw, transaction, peer, true);
            info = this.router.getNextApplication(probe, null, SipApplicationRoutingDirective.NEW, new SipTargetedRequestInfo(type, deployment.applicationName()), null);
            servlet = deployment.definition().servletSelector().apply(probe);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Routing " + raw.method() + " with " + reference.header() + " failed, Call-ID " + raw.callId(), e);
            Replies.reject(raw, transaction, 500, null);
            return;
        }
        if (info != null && info.getNextApplicationName() != null && !info.getNextApplicationName().equals(deployment.applicationName())) {
            LOGGER.log(Level.DEBUG, "The router named {0} for an INVITE with {1}: it goes to {2}, whose dialog it names", info.getNextApplicationName(), reference.header(),
                    deployment.applicationName());
        }
        String target = (servlet != null) ? servlet : referenced.data().handler();
        RequestAuthentication.Admission admission = this.authentication.admit(deployment, target, raw, transaction, peer);
        if (admission.admitted()) {
            Routing routing = (info != null) ? new Routing(SipApplicationRoutingDirective.NEW, info, null) : null;
            String referencedId = referenced.getId();
            this.start(deployment, raw, transaction, peer, reference.applicationSessionId(), null, routing, target, admission,
                    session -> session.corresponds(reference.header(), referencedId));
        }
    }

    /** @return the application session id a request-URI encodes ({@code SipApplicationSession.encodeURI}), or {@code null} */
    static String encodedApplicationSessionId(String requestUri) {
        try {
            if (SipGrammar.parseUri(requestUri) instanceof SipUriSyntax uri) {
                String id = uri.parameters().get(SipApplicationSessionImpl.ENCODED_ID_PARAMETER);
                return (id != null && !id.isEmpty()) ? id : null;
            }
        } catch (SyntaxException e) {
            return null;
        }
        return null;
    }

    /**
     * Starts the request's SIP session and hands the request to its servlet.
     * @param transactionKey {@code null} if the application session may exist already (a {@code @SipApplicationKey}, an
     *        encoded URI); else the request's transaction, bound to the new session, and a session bound to it before
     *        means the request was handled before
     * @param routing how the application router routed it, or {@code null} for a request it did not route (an encoded URI)
     * @param created told of the new SIP session before the servlet sees the request, or {@code null}
     */
    private void start(Deployment deployment, RawRequest raw, ServerTransaction transaction, Peer peer, String applicationSessionId, String transactionKey,
            Routing routing, String servlet, RequestAuthentication.Admission admission, java.util.function.Consumer<SipSessionImpl> created) {
        if (raw.method().equals("INVITE") && !this.pendingInvites.start(raw, deployment, applicationSessionId)) {
            // a CANCEL came while it waited its turn: the CANCEL has its 200, the INVITE its 487 (RFC 3261 §9.2), and
            // the application is not shown a call that is already over
            Replies.reject(raw, transaction, 487, null);
            return;
        }
        SipApplicationSessionImpl applicationSession = null;
        if (transactionKey == null) {
            applicationSession = deployment.findOrCreate(applicationSessionId);
        } else if (deployment.bind(transactionKey, applicationSessionId) != null) {
            // Handled before, here or on a node that died: the balancer sends a node's pending INVITEs to a live node when
            // that node goes down (load-balancer/kamailio.cfg). One that has a session goes on where it is (this node takes
            // it over as its answers come); one whose first unit of work never ended there has none, and starts here.
            LOGGER.log(Level.DEBUG, "{0} of Call-ID {1} was handled before: its call goes on as it is", raw.method(), raw.callId());
            this.pendingInvites.answered(raw);
            return;
        }
        if (applicationSession == null) {
            applicationSession = deployment.createApplicationSession(applicationSessionId);
        }
        if (raw.method().equals("INVITE")) {
            deployment.callStarted();
        }
        SipServletRequestImpl request = null;
        try {
            AddressSyntax from = SipGrammar.parseAddress(raw.headers().first(HeaderNames.FROM));
            AddressSyntax to = SipGrammar.parseAddress(raw.headers().first(HeaderNames.TO));
            SipSessionData data = new SipSessionData(SessionKeys.newSipSessionId(), this.clock.millis(), raw.callId(), to.toString(), Dialogs.withoutTag(from));
            if (routing != null) {
                SipApplicationRoutingRegion region = routing.info().getRoutingRegion();
                data.setRouting((region != null) ? region.getType().name() : null, routing.info().getSubscriberURI());
            }
            data.setHandler(servlet);
            if (raw.method().equals("INVITE")) {
                data.setReceivedInvite(raw.encode()); // a node that takes the call in set-up over answers it from this
            }
            SipSessionImpl session = applicationSession.createSipSession(data);
            if (created != null) {
                created.accept(session);
            }
            session.transactionStarted();
            request = this.core.received(deployment, raw, transaction, peer, true);
            if (routing != null) {
                request.routed(routing.directive(), new ApplicationSelection(deployment.applicationName(), routing.info().getRoutingRegion(), routing.info().getStateInfo()));
                request.setPoppedRoute(routing.poppedRoute());
            }
            if (admission.identity() != null) {
                request.setAuthenticatedUser(admission.identity().principal(), admission.identity().roles());
            }
            request.setSession(session);
            request.setResponseTag(SessionKeys.newTag(applicationSessionId));
            session.userAgentMessages(true).add(request);
            if (raw.method().equals("INVITE")) {
                this.pendingInvites.add(deployment, applicationSessionId, request);
            }
            session.access();
            ServletInvoker.service(deployment, servlet, request);
        } catch (SyntaxException e) {
            Replies.reject(raw, transaction, 400, "Bad Request (" + e.getMessage() + ")");
        } finally {
            deployment.finish(applicationSession, request);
        }
    }

    /** @return whether a request-URI names a host and no user: the node itself, or the cluster's address */
    private static boolean isNodeAddressed(String requestUri) {
        try {
            return SipGrammar.parseUri(requestUri) instanceof SipUriSyntax uri && (uri.user() == null || uri.user().isEmpty());
        } catch (SyntaxException e) {
            return false;
        }
    }

    /** The node's own answer to an OPTIONS that no application takes (RFC 3261 §11.2): what it supports. */
    private static void answerOptions(RawRequest request, ServerTransaction transaction) {
        RawResponse response = Replies.withToTag(RawResponse.answering(request, 200, null));
        response.headers().add("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, SUBSCRIBE, NOTIFY, REFER, PRACK");
        Replies.respond(request, transaction, response);
    }
}
