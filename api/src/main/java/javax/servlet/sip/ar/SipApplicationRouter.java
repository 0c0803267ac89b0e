package javax.servlet.sip.ar;

import java.io.Serializable;
import java.util.List;
import java.util.Properties;

import javax.servlet.sip.SipServletRequest;

/**
 * Chooses, for each initial request, the next application to serve it. The container has one application
 * router, obtained from a {@link javax.servlet.sip.ar.spi.SipApplicationRouterProvider}.
 *
 * @since 1.1
 */
public interface SipApplicationRouter {

    /**
     * Called once when the container starts, before any other method.
     */
    void init();

    /**
     * Called once when the container starts, with configuration properties, before any other method.
     *
     * @param properties the router's configuration
     */
    void init(Properties properties);

    /**
     * Called when the container stops; the router releases its resources.
     */
    void destroy();

    /**
     * Tells the router that applications were deployed; also called at startup for the applications already
     * deployed.
     *
     * @param newlyDeployedApplicationNames the names of the new applications
     */
    void applicationDeployed(List<String> newlyDeployedApplicationNames);

    /**
     * Tells the router that applications were undeployed.
     *
     * @param undeployedApplicationNames the names of the removed applications
     */
    void applicationUndeployed(List<String> undeployedApplicationNames);

    /**
     * Chooses the next application for an initial request, or external routes for it.
     *
     * @param initialRequest the request, read-only
     * @param region the region the previous application served in, or {@code null} for a new request
     * @param directive how the request relates to the one that made it
     * @param targetedRequestInfo which application the request targets (encoded URI, Join or Replaces), or
     *        {@code null} if it targets none
     * @param stateInfo the state this router returned last time for the request, or {@code null}
     * @return the routing decision, or {@code null} if no further application serves the request
     */
    SipApplicationRouterInfo getNextApplication(SipServletRequest initialRequest, SipApplicationRoutingRegion region,
            SipApplicationRoutingDirective directive, SipTargetedRequestInfo targetedRequestInfo,
            Serializable stateInfo);
}
