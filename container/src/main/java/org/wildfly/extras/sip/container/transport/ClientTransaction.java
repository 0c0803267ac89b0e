package org.wildfly.extras.sip.container.transport;


/**
 * A sent request's client transaction (RFC 3261 §17.1): it retransmits the request until a response or a timeout.
 */
public interface ClientTransaction {

    RawRequest request();

    /** @return what the sender attached to the transaction */
    Object attachment();
}
