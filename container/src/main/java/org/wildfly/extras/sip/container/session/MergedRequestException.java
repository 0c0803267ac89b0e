package org.wildfly.extras.sip.container.session;

/**
 * A new request that is a copy of one a live node of the cluster, this one included, already took, arrived by another
 * path (RFC 3261 §8.2.2.2, merged requests: the same Call-ID, From tag, CSeq and Request-URI, another Via branch), as a
 * balancer sends an INVITE on to the next node when the first gave no answer within its timer. It is answered 482
 * (Loop Detected) rather than started a second time.
 */
public final class MergedRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MergedRequestException(String message) {
        super(message, null, false, false);
    }
}
