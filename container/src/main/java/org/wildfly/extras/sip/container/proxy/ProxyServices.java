package org.wildfly.extras.sip.container.proxy;

import java.io.IOException;

import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;

/**
 * What a proxy needs from the container: the transport, the application, and time.
 * Every method runs, and every callback is made, under the application session's key.
 */
public interface ProxyServices {

    /**
     * Makes the request of a new branch from a copy of the original request.
     * @param original the request being proxied
     * @param raw the copy, with its target as request-URI
     * @return the branch request, which the application may still change before the branch starts
     */
    org.wildfly.extras.sip.container.message.SipServletRequestImpl branchRequest(org.wildfly.extras.sip.container.message.SipServletRequestImpl original, RawRequest raw);

    /**
     * Sends a branch's request in a new client transaction whose responses come back to the branch.
     * @param branch the branch, whose request is ready
     * @throws IOException if it could not be sent
     */
    void send(ProxyBranchImpl branch) throws IOException;

    /**
     * Sends a CANCEL for a branch's INVITE (RFC 3261 §9.1), once the branch has had a provisional response.
     * @param branch the branch
     * @param reasons Reason header values to add, possibly none
     */
    void cancel(ProxyBranchImpl branch, java.util.List<String> reasons);

    /**
     * Forwards a response upstream through the original request's server transaction.
     * @param proxy the proxy
     * @param response a branch's response, possibly changed by the application
     */
    void forward(ProxyImpl proxy, SipServletResponseImpl response);

    /**
     * Gives a branch's response to the application ({@code doResponse} or {@code doBranchResponse}).
     * @param response the response
     */
    void deliver(SipServletResponseImpl response);

    /**
     * A response the container makes up for a branch: 408 when it timed out.
     * @param branch the branch
     * @param status the status
     * @return the response, as if received
     */
    SipServletResponseImpl synthesize(ProxyBranchImpl branch, int status);

    /**
     * The Record-Route (or Path) value that brings a dialog's requests back to this session through the cluster's address.
     * @param proxy the proxy
     * @param applicationUri the URI the application may have given parameters to
     * @param request the branch request, whose destination decides the transport
     * @return the header value
     */
    String recordRoute(ProxyImpl proxy, String applicationUri, RawRequest request);

    /** @return the base SIP URI of the Record-Route this container inserts (host and port of the advertised address) */
    String recordRouteBase();

    /**
     * Runs a task later, under the application session's key.
     * @param task the task
     * @param delayMillis the delay
     * @return cancels the task
     */
    Runnable schedule(Runnable task, long delayMillis);
}
