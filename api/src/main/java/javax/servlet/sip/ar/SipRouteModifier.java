package javax.servlet.sip.ar;

/**
 * How the container uses the routes of a {@link SipApplicationRouterInfo}.
 *
 * @since 1.1
 */
public enum SipRouteModifier {
    /** Push the routes onto the request (external routes) or use the first as the popped route (internal). */
    ROUTE,
    /** Push the routes, and below them a route back to the container, so the request comes back to it. */
    ROUTE_BACK,
    /** Ignore the routes. */
    NO_ROUTE
}
