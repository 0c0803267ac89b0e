package org.wildfly.extras.sip.container.transport;


/**
 * Receives what the transport takes off the network. Called on transport threads: hand work off quickly.
 */
public interface SipMessageHandler {

    /**
     * Looks at a request before the transport creates its server transaction, so that a node past its limits turns
     * away new work at the cost of one stateless answer.
     * @param request the request
     * @return how to refuse it, or {@code null} to take it
     */
    default Refusal screen(RawRequest request) {
        return null;
    }

    /**
     * A request arrived.
     * @param request the request
     * @param transaction its server transaction; {@code null} for ACK, which has none
     * @param peer where it came from
     */
    void requestReceived(RawRequest request, ServerTransaction transaction, Peer peer);

    /**
     * A response arrived.
     * @param response the response
     * @param transaction the client transaction it answers; {@code null} for a response that matches none, such as a 2xx retransmission
     */
    void responseReceived(RawResponse response, ClientTransaction transaction);

    /**
     * A client transaction got no final response in time (Timer B or F of RFC 3261).
     * @param transaction the transaction
     */
    void transactionTimedOut(ClientTransaction transaction);
}
