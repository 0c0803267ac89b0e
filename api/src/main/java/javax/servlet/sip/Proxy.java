package javax.servlet.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The proxying of an incoming request to one or more targets. Get it from {@link SipServletRequest#getProxy()}.
 * By default a proxy recurses on 3xx responses, runs in parallel, is stateful and supervised, and does not
 * record-route or add a Path header.
 */
public interface Proxy {

    /**
     * Returns the request being proxied.
     *
     * @return the original request
     */
    SipServletRequest getOriginalRequest();

    /**
     * Proxies the request to one target.
     *
     * @param uri the target
     * @throws IllegalStateException if the transaction already completed
     * @throws IllegalArgumentException if the URI's scheme is not supported
     */
    void proxyTo(URI uri);

    /**
     * Proxies the request to several targets, in parallel or one after the other.
     *
     * @param uris the targets
     * @throws IllegalStateException if the transaction already completed
     * @throws IllegalArgumentException if a URI's scheme is not supported
     */
    void proxyTo(List<? extends URI> uris);

    /**
     * Cancels all branches that have not received a final response.
     *
     * @throws IllegalStateException if the transaction already completed
     */
    void cancel();

    /**
     * Cancels all branches, adding Reason headers (RFC 3326) to the CANCELs.
     *
     * @param protocol the protocol of each Reason header, such as {@code SIP} or {@code Q.850}
     * @param reasonCode the cause of each Reason header
     * @param reasonText the text of each Reason header
     * @throws IllegalStateException if the transaction already completed
     * @since 1.1
     */
    void cancel(String[] protocol, int[] reasonCode, String[] reasonText);

    /**
     * Tells whether the proxy follows 3xx redirections.
     *
     * @return {@code true} if it recurses
     */
    boolean getRecurse();

    /**
     * Sets whether the proxy follows 3xx redirections.
     *
     * @param recurse {@code true} to recurse
     */
    void setRecurse(boolean recurse);

    /**
     * Tells whether the proxy adds a Record-Route header.
     *
     * @return {@code true} if it record-routes
     */
    boolean getRecordRoute();

    /**
     * Sets whether the proxy adds a Record-Route header, so that it stays on the dialog's path.
     *
     * @param rr {@code true} to record-route
     * @throws IllegalStateException if proxying already started
     */
    void setRecordRoute(boolean rr);

    /**
     * Tells whether the targets are tried in parallel.
     *
     * @return {@code true} for parallel, {@code false} for sequential
     */
    boolean getParallel();

    /**
     * Sets whether the targets are tried in parallel or one after the other.
     *
     * @param parallel {@code true} for parallel
     */
    void setParallel(boolean parallel);

    /**
     * Tells whether the proxy is transaction-stateful.
     *
     * @return always {@code true} in 1.1
     * @deprecated stateless proxying is not supported any more
     */
    @Deprecated
    boolean getStateful();

    /**
     * Sets whether the proxy is transaction-stateful; ignored, since stateless proxying is not supported.
     *
     * @param stateful ignored
     * @deprecated stateless proxying is not supported any more
     */
    @Deprecated
    void setStateful(boolean stateful);

    /**
     * Tells whether the application is invoked for responses to the proxied request.
     *
     * @return {@code true} if supervised
     */
    boolean getSupervised();

    /**
     * Sets whether the application is invoked for responses to the proxied request.
     *
     * @param supervised {@code true} to receive responses
     */
    void setSupervised(boolean supervised);

    /**
     * Returns the proxy timeout: per branch for a sequential proxy, for all branches for a parallel one.
     *
     * @return the timeout in seconds
     * @since 1.1
     */
    int getProxyTimeout();

    /**
     * Returns the sequential search timeout.
     *
     * @return the timeout in seconds
     * @deprecated use {@link #getProxyTimeout()}
     */
    @Deprecated
    int getSequentialSearchTimeout();

    /**
     * Sets the proxy timeout.
     *
     * @param seconds the timeout in seconds
     * @throws IllegalArgumentException if {@code seconds} is not positive
     * @since 1.1
     */
    void setProxyTimeout(int seconds);

    /**
     * Sets the sequential search timeout.
     *
     * @param seconds the timeout in seconds
     * @deprecated use {@link #setProxyTimeout(int)}
     */
    @Deprecated
    void setSequentialSearchTimeout(int seconds);

    /**
     * Returns the URI the proxy will put in its Record-Route header, to which the application may add parameters.
     *
     * @return the Record-Route URI
     * @throws IllegalStateException if record-routing is off
     */
    SipURI getRecordRouteURI();

    /**
     * Creates one branch per target without starting them; {@link #startProxy()} starts them.
     *
     * @param targets the targets
     * @return the new branches, in the order of the targets
     * @since 1.1
     */
    List<ProxyBranch> createProxyBranches(List<? extends URI> targets);

    /**
     * Returns the top-level branch for a target.
     *
     * @param uri the target
     * @return the branch, or {@code null}
     * @since 1.1
     */
    ProxyBranch getProxyBranch(URI uri);

    /**
     * Returns the top-level branches of this proxy.
     *
     * @return the branches; empty if there are none
     * @since 1.1
     */
    List<ProxyBranch> getProxyBranches();

    /**
     * Starts the branches created with {@link #createProxyBranches(List)}.
     *
     * @throws IllegalStateException if the transaction already completed
     * @since 1.1
     */
    void startProxy();

    /**
     * Chooses the local interface and port requests are sent from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     * @throws NullPointerException if {@code address} is {@code null}
     * @since 1.1
     */
    void setOutboundInterface(InetSocketAddress address);

    /**
     * Chooses the local interface requests are sent from.
     *
     * @param address one of the container's outbound interfaces
     * @throws IllegalArgumentException if it is not one of them
     * @throws NullPointerException if {@code address} is {@code null}
     * @since 1.1
     */
    void setOutboundInterface(InetAddress address);

    /**
     * Tells whether a Path header is added to proxied REGISTER requests.
     *
     * @return {@code true} if a Path header is added
     * @since 1.1
     */
    boolean getAddToPath();

    /**
     * Sets whether a Path header (RFC 3327) is added to proxied REGISTER requests.
     *
     * @param p {@code true} to add a Path header
     * @since 1.1
     */
    void setAddToPath(boolean p);

    /**
     * Returns the URI of the Path header this proxy adds, to which the application may add parameters.
     *
     * @return the Path URI
     * @throws IllegalStateException if no Path header is added
     * @since 1.1
     */
    SipURI getPathURI();

    /**
     * Sets whether the proxy leaves the other branches alone when one returns a 6xx response.
     *
     * @param noCancel {@code true} to not cancel them
     * @since 1.1
     */
    void setNoCancel(boolean noCancel);

    /**
     * Tells whether the other branches are left alone on a 6xx response.
     *
     * @return {@code true} if they are not cancelled
     * @since 1.1
     */
    boolean getNoCancel();
}
