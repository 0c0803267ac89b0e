package javax.servlet.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One branch of a {@link Proxy}: the request sent to one target and what came back.
 *
 * @since 1.1
 */
public interface ProxyBranch {

    /**
     * Returns the request sent on this branch.
     *
     * @return the branch request
     */
    SipServletRequest getRequest();

    /**
     * Cancels this branch and, when recursing, its child branches.
     *
     * @throws IllegalStateException if the branch already got a final response
     */
    void cancel();

    /**
     * Cancels this branch, adding Reason headers (RFC 3326) to the CANCELs.
     *
     * @param protocol the protocol of each Reason header
     * @param reasonCode the cause of each Reason header
     * @param reasonText the text of each Reason header
     * @throws IllegalStateException if the branch already got a final response
     */
    void cancel(String[] protocol, int[] reasonCode, String[] reasonText);

    /**
     * Returns this branch's timeout.
     *
     * @return the timeout in seconds
     */
    int getProxyBranchTimeout();

    /**
     * Sets this branch's timeout, which may not exceed the proxy's.
     *
     * @param seconds the timeout in seconds
     * @throws IllegalArgumentException if it is not positive or exceeds the proxy timeout
     */
    void setProxyBranchTimeout(int seconds);

    /**
     * Tells whether this branch follows 3xx redirections.
     *
     * @return {@code true} if it recurses
     */
    boolean getRecurse();

    /**
     * Sets whether this branch follows 3xx redirections.
     *
     * @param recurse {@code true} to recurse
     */
    void setRecurse(boolean recurse);

    /**
     * Tells whether this branch record-routes.
     *
     * @return {@code true} if it record-routes
     */
    boolean getRecordRoute();

    /**
     * Sets whether this branch adds a Record-Route header.
     *
     * @param rr {@code true} to record-route
     * @throws IllegalStateException if the branch already started
     */
    void setRecordRoute(boolean rr);

    /**
     * Tells whether this branch adds a Path header.
     *
     * @return {@code true} if it adds one
     */
    boolean getAddToPath();

    /**
     * Sets whether this branch adds a Path header to a REGISTER request.
     *
     * @param p {@code true} to add one
     */
    void setAddToPath(boolean p);

    /**
     * Returns the URI of this branch's Record-Route header.
     *
     * @return the Record-Route URI
     * @throws IllegalStateException if the branch does not record-route
     */
    SipURI getRecordRouteURI();

    /**
     * Returns the URI of this branch's Path header.
     *
     * @return the Path URI
     * @throws IllegalStateException if the branch adds no Path header
     */
    SipURI getPathURI();

    /**
     * Chooses the local interface and port this branch sends from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     */
    void setOutboundInterface(InetSocketAddress address);

    /**
     * Chooses the local interface this branch sends from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     */
    void setOutboundInterface(InetAddress address);

    /**
     * Returns the last response received on this branch.
     *
     * @return the response, or {@code null}
     */
    SipServletResponse getResponse();

    /**
     * Tells whether this branch has started.
     *
     * @return {@code true} once the request was sent
     */
    boolean isStarted();

    /**
     * Returns the branches created by following redirections on this branch.
     *
     * @return the child branches; empty if there are none
     */
    List<ProxyBranch> getRecursedProxyBranches();

    /**
     * Returns the proxy this branch belongs to.
     *
     * @return the proxy
     */
    Proxy getProxy();
}
