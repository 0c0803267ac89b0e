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
}
