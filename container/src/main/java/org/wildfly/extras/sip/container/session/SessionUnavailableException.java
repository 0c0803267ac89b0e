package org.wildfly.extras.sip.container.session;

/**
 * An application session that cannot be had now, although it may exist: a message on another node holds it longer
 * than the store waits, or the cluster has not yet dropped a failed node that held it. Trying again shortly may succeed.
 */
public final class SessionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean heldByLiveNode;

    public SessionUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private SessionUnavailableException(String message, Throwable cause, boolean heldByLiveNode) {
        super(message, cause);
        this.heldByLiveNode = heldByLiveNode;
    }

    /**
     * A new initial request that another node, still a member of the cluster, got before and still works on (the
     * balancer sent it again, here, thinking that node down): that node answers it, not this one.
     */
    public static SessionUnavailableException heldByLiveNode(String message) {
        return new SessionUnavailableException(message, null, true);
    }

    /** @return whether, if it stays unavailable, the request is left to the node that holds it rather than answered here */
    public boolean heldByLiveNode() {
        return this.heldByLiveNode;
    }
}
