package org.wildfly.extras.sip.container;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipRouteModifier;

import org.wildfly.extras.sip.container.dialog.Identifiers;
import org.wildfly.extras.sip.container.message.ApplicationSelection;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Application composition (JSR 289 §15.4.1) of the initial requests that applications send or proxy: the application
 * router is asked again, with the directive and the state of the request the application received, and the request goes
 * to the next application it names, to the routes it gives, or out by its own Route and request-URI.
 * <p>
 * A request for a next application goes to it the way every request reaches an application: over the network, to this
 * node's own address, under a Route that carries a token of what the router chose. The transactions, CANCEL, timers and
 * failover of the two applications are then those of any two hops. The choice stays on this node (the Route names this
 * node, not the cluster), for as long as a request may take to come back.
 */
final class ApplicationComposition {

    /** The Route parameter that names a choice of the router waiting for its request to come back. */
    static final String ROUTE_PARAMETER = "wfsip-ar";
    // 64*T1: a request that has not come back by then was lost, and its retransmissions too
    private static final long PATIENCE_MILLIS = 32_000;

    /**
     * Where an initial request that came back to this container goes on.
     * @param directive the directive it was sent with
     * @param chosen the application router's choice, or {@code null} to ask the router again ({@code ROUTE_BACK})
     * @param resumed for {@code ROUTE_BACK}: the router's region and state to ask it with
     * @param poppedRoute the popped route the next application sees (an internal route of the router), or {@code null}
     *        for the Route this container popped
     */
    record Continuation(SipApplicationRoutingDirective directive, SipApplicationRouterInfo chosen, ApplicationSelection resumed, String poppedRoute) {
    }

    private record Waiting(Continuation continuation, long since) {
    }

    private final SipApplicationRouter router;
    private final NodeAddresses addresses;
    private final Clock clock;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    ApplicationComposition(SipApplicationRouter router, NodeAddresses addresses, Clock clock) {
        this.router = router;
        this.addresses = addresses;
        this.clock = clock;
        this.lastSweep = clock.millis();
    }

    /**
     * Routes an initial request that an application sends or proxies, before its Via is written.
     * @param request the request, with its directive and the selection it continues
     * @return whether it goes back into this container: it then does not go through the outbound proxy
     * @throws IOException if the application router failed, or the request cannot come back to this node
     */
    boolean route(SipServletRequestImpl request) throws IOException {
        RawRequest raw = request.raw();
        SipApplicationRoutingDirective directive = request.getRoutingDirective();
        if (!request.directiveChosen()) {
            // a new request made from an application session, no directive set: it leaves as addressed. Asked, a router
            // of chains by method would send it into the chain meant for requests from outside (a click-to-call INVITE
            // to the application that takes incoming calls); setRoutingDirective(NEW, null) asks it
            return false;
        }
        ApplicationSelection continued = request.selection();
        SipApplicationRouterInfo info;
        try {
            info = this.router.getNextApplication(request, (continued != null) ? continued.region() : null, directive, null,
                    (continued != null) ? continued.stateInfo() : null);
        } catch (RuntimeException e) {
            throw new IOException("The application router failed on " + raw.method() + " to " + raw.requestUri() + ": " + e, e);
        }
        if (info == null) {
            return false;
        }
        String[] routes = (info.getRoutes() != null) ? info.getRoutes() : new String[0];
        SipRouteModifier modifier = (info.getRouteModifier() != null) ? info.getRouteModifier() : SipRouteModifier.NO_ROUTE;
        if (modifier == SipRouteModifier.ROUTE && routes.length > 0) {
            if (!this.isOwn(routes[0])) {
                // external routes: the request leaves by them, and no application of this container takes it now
                push(raw, routes);
                return false;
            }
            if (info.getNextApplicationName() == null) {
                return false;
            }
            // an internal route: what the next application sees as its popped route
            this.pushReturn(raw, new Continuation(directive, info, null, routes[0]));
            return true;
        }
        if (modifier == SipRouteModifier.ROUTE_BACK && routes.length > 0) {
            // out by the routes, then back here, where the router is asked again with the state it gave now
            this.pushReturn(raw, new Continuation(directive, null, new ApplicationSelection(info.getNextApplicationName(), info.getRoutingRegion(), info.getStateInfo()), null));
            push(raw, routes);
            return false;
        }
        if (info.getNextApplicationName() == null) {
            return false;
        }
        this.pushReturn(raw, new Continuation(directive, info, null, null));
        return true;
    }

    /**
     * Pushes the routes of a router's choice for a request received from outside that leaves this container by them
     * ({@code ROUTE} to an external route; {@code ROUTE_BACK}, with the Route back here below them).
     * @param raw the request that leaves
     * @param info the router's choice, with routes
     * @param directive the directive it was routed with
     * @throws IOException if a route is not a SIP address
     */
    void pushExternal(RawRequest raw, SipApplicationRouterInfo info, SipApplicationRoutingDirective directive) throws IOException {
        if (info.getRouteModifier() == SipRouteModifier.ROUTE_BACK) {
            this.pushReturn(raw, new Continuation(directive, null, new ApplicationSelection(info.getNextApplicationName(), info.getRoutingRegion(), info.getStateInfo()), null));
        }
        push(raw, info.getRoutes());
    }

    /**
     * @param poppedRoute a Route this container popped from an initial request, or {@code null}
     * @return the choice that Route's token names (forgotten from now on), or {@code null} if it names none that waits
     */
    Continuation resume(String poppedRoute) {
        String token = (poppedRoute != null) ? ProxyDispatch.routeParameter(poppedRoute, ROUTE_PARAMETER) : null;
        Waiting waiting = (token != null) ? this.waiting.remove(token) : null;
        return (waiting != null) ? waiting.continuation() : null;
    }

    /** @return how many choices wait for their request to come back */
    int waiting() {
        return this.waiting.size();
    }

    private void pushReturn(RawRequest raw, Continuation continuation) throws IOException {
        long now = this.clock.millis();
        if (now - this.lastSweep > PATIENCE_MILLIS) {
            this.lastSweep = now;
            this.waiting.values().removeIf(waiting -> now - waiting.since() > PATIENCE_MILLIS);
        }
        String token = Identifiers.random(16);
        this.waiting.put(token, new Waiting(continuation, now));
        raw.headers().addFirst(HeaderNames.ROUTE, this.returnRoute(NodeAddresses.transportOf(raw), token));
    }

    /** @return a Route to this node over the transport the request was to leave by (or the first one it listens on) */
    private String returnRoute(Transport transport, String token) throws IOException {
        ListeningPoint point = this.addresses.listeningPoints().stream().filter(candidate -> candidate.transport() == transport).findFirst()
                .orElse(this.addresses.listeningPoints().get(0));
        String host = point.uriHost();
        String scheme = (point.transport() == Transport.TLS) ? "sips:" : "sip:";
        String transportParameter = (point.transport() == Transport.TCP) ? ";transport=tcp" : "";
        return "<" + scheme + host + ":" + point.port() + transportParameter + ";lr;" + ROUTE_PARAMETER + "=" + token + ">";
    }

    private boolean isOwn(String route) throws IOException {
        try {
            return SipGrammar.parseAddress(route).uri() instanceof SipUriSyntax uri && this.addresses.isOwn(uri);
        } catch (SyntaxException e) {
            throw new IOException("The application router gave a route that is not a SIP address: " + route + " (" + e.getMessage() + ")", e);
        }
    }

    /** @return whether a route the application router gave names this container (an internal route), not another hop */
    boolean isInternal(String route) {
        try {
            return this.isOwn(route);
        } catch (IOException e) {
            return false;
        }
    }

    /** Pushes routes onto a request, the first on top (JSR 289 §15.4.1: the request goes to the first). */
    private static void push(RawRequest raw, String[] routes) throws IOException {
        for (int index = routes.length - 1; index >= 0; index--) {
            String route = routes[index].trim();
            try {
                SipGrammar.parseAddress(route);
            } catch (SyntaxException e) {
                throw new IOException("The application router gave a route that is not a SIP address: " + route + " (" + e.getMessage() + ")", e);
            }
            raw.headers().addFirst(HeaderNames.ROUTE, route.startsWith("<") ? route : "<" + route + ">");
        }
    }
}
