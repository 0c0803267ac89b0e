package org.wildfly.extras.sip.container.transport;

import java.io.IOException;


/**
 * A received request's server transaction (RFC 3261 §17.2): it retransmits responses and absorbs request retransmissions.
 */
public interface ServerTransaction {

    RawRequest request();

    /**
     * Sends a response through the transaction.
     * @param response a response to {@link #request()}
     * @throws IOException if it could not be sent or the transaction no longer accepts responses
     */
    void respond(RawResponse response) throws IOException;

    /**
     * Asks to be told if the final non-2xx response this INVITE transaction sent gets no ACK (RFC 3261 §17.2.1, Timer H:
     * 64*T1); the transaction answers that ACK itself, so only it knows.
     * @param missing run once, on a thread of the transport's, if no ACK comes; a transaction that cannot tell (one
     *        answered statelessly) never runs it. Not a default method: a wrapper that forgot to pass it on lost it.
     */
    void whenUnacknowledged(Runnable missing);
}
