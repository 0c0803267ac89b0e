package javax.servlet.sip.ar;

import java.io.Serializable;

/**
 * The decision an application router returns from
 * {@link SipApplicationRouter#getNextApplication(javax.servlet.sip.SipServletRequest, SipApplicationRoutingRegion,
 * SipApplicationRoutingDirective, SipTargetedRequestInfo, Serializable)}.
 *
 * @since 1.1
 */
public class SipApplicationRouterInfo {

    private final String nextApplicationName;
    private final SipApplicationRoutingRegion routingRegion;
    private final String subscriberURI;
    private final String[] routes;
    private final SipRouteModifier routeModifier;
    private final Serializable stateInfo;

    /**
     * Creates a routing decision.
     *
     * @param nextApplicationName the application to invoke next, or {@code null} if none in this region
     * @param routingRegion the region that application serves in
     * @param subscriberURI the subscriber that application serves
     * @param routes external routes to push onto the request, or one internal route for the popped route;
     *        {@code null} or empty for none
     * @param mod how the container uses the routes
     * @param stateInfo state the container hands back on the next call for this request
     */
    public SipApplicationRouterInfo(String nextApplicationName, SipApplicationRoutingRegion routingRegion,
            String subscriberURI, String[] routes, SipRouteModifier mod, Serializable stateInfo) {
        this.nextApplicationName = nextApplicationName;
        this.routingRegion = routingRegion;
        this.subscriberURI = subscriberURI;
        this.routes = (routes != null) ? routes.clone() : new String[0];
        this.routeModifier = mod;
        this.stateInfo = stateInfo;
    }

    /**
     * Returns the application to invoke next.
     *
     * @return the application name, or {@code null}
     */
    public String getNextApplicationName() {
        return this.nextApplicationName;
    }

    /**
     * Returns the routes. External routes are pushed onto the request from the last to the first; of internal
     * routes only the first is used, as the popped route.
     *
     * @return a copy of the routes; empty if there are none
     */
    public String[] getRoutes() {
        return this.routes.clone();
    }

    /**
     * Returns the router's state for this request.
     *
     * @return the state, or {@code null}
     */
    public Serializable getStateInfo() {
        return this.stateInfo;
    }

    /**
     * Returns the subscriber the next application serves.
     *
     * @return the subscriber URI, or {@code null}
     */
    public String getSubscriberURI() {
        return this.subscriberURI;
    }

    /**
     * Returns the region the next application serves in.
     *
     * @return the region, or {@code null}
     */
    public SipApplicationRoutingRegion getRoutingRegion() {
        return this.routingRegion;
    }

    /**
     * Returns how the container uses the routes.
     *
     * @return the route modifier
     */
    public SipRouteModifier getRouteModifier() {
        return this.routeModifier;
    }
}
