package org.wildfly.extras.sip.container;

/**
 * Where a node stops taking new calls. Past either limit, a new initial request is refused at once with 503 and
 * Retry-After, before any session or servlet work, while the requests of calls in progress are still served.
 * @param maxQueuedMessages messages received and not yet fully handled (waiting in the transport or for a servlet
 *        thread) past which new calls are refused; past four times as many waiting for a servlet thread, requests of calls
 *        in progress that start more work (re-INVITE, INFO, ...) are refused too, never ACK, BYE, CANCEL or PRACK
 * @param maxCallRate new initial requests taken per second, or 0 for no limit
 */
public record OverloadLimits(int maxQueuedMessages, int maxCallRate) {

    /** The limits of a container that sets none: 1000 queued messages, no call rate limit. */
    public static final OverloadLimits DEFAULT = new OverloadLimits(1000, 0);

    public OverloadLimits {
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxQueuedMessages must be at least 1, not " + maxQueuedMessages);
        }
        if (maxCallRate < 0) {
            throw new IllegalArgumentException("maxCallRate must be 0 (no limit) or more, not " + maxCallRate);
        }
    }
}
