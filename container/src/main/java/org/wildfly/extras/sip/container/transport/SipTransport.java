package org.wildfly.extras.sip.container.transport;

import java.io.IOException;
import java.util.List;


/**
 * Sends and receives SIP messages with transactions, and nothing more: dialogs belong to the container.
 */
public interface SipTransport extends AutoCloseable {

    /** Starts a transport: what the host hands the container, so that tests and other stacks can stand in. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param name the stack's name, for its threads and logs
         * @param points where to listen; port 0 for any free port
         * @param limits what peers may take of this node (connections, message sizes, timeouts)
         * @param handler takes what arrives
         * @return the transport, listening
         * @throws IOException if it cannot listen
         */
        SipTransport start(String name, List<ListeningPoint> points, TransportLimits limits, SipMessageHandler handler) throws IOException;
    }

    /** @return the listening points as bound, with their actual ports */
    List<ListeningPoint> listeningPoints();

    /**
     * Sends a request in a new client transaction. Its top Via must carry a branch.
     * @param request a request other than ACK
     * @param attachment what the caller wants back with the transaction's responses; set before the request leaves,
     *        so that even the fastest response carries it
     * @return the transaction, which responses will name
     * @throws IOException if it could not be sent
     */
    ClientTransaction send(RawRequest request, Object attachment) throws IOException;

    /**
     * Sends a request outside any transaction: an ACK for a 2xx (RFC 3261 §13.2.2.4).
     * @param request the request
     * @throws IOException if it could not be sent
     */
    void sendStateless(RawRequest request) throws IOException;

    /**
     * Sends a response outside any transaction: a 2xx retransmission by its UAS core (RFC 3261 §13.3.1.4).
     * @param response the response, routed by its top Via
     * @throws IOException if it could not be sent
     */
    void sendStateless(RawResponse response) throws IOException;

    /**
     * @param transport a transport this stack listens on
     * @return the messages its listening point received and sent
     */
    MessageCounts counts(Transport transport);

    /**
     * @return the messages received and waiting to be parsed and handed over: the transport's share of a node's backlog
     */
    default int backlog() {
        return 0;
    }

    /** @return the datagrams the transport dropped because its receive queue was full, since start */
    default long droppedDatagrams() {
        return 0;
    }

    /** @return the messages and connections given up since start because they were not valid SIP (answered 400, or dropped) */
    default long malformedMessages() {
        return 0;
    }

    /**
     * @param transport a transport this stack listens on
     * @return the messages and connections of that transport given up since start because they were not valid SIP
     */
    default long malformedMessages(Transport transport) {
        return 0;
    }

    /** Stops listening and releases the stack. */
    @Override
    void close();
}
