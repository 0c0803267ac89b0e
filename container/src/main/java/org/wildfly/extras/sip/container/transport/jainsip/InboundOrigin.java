package org.wildfly.extras.sip.container.transport.jainsip;

import org.wildfly.extras.sip.container.transport.BadInputLog;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Where a message being parsed came from, and how to answer it there without the stack: a TCP connection, or the
 * source of a datagram. The parser uses it to reject a message the stack must not take.
 */
interface InboundOrigin {

    /** @return the transport the message came over */
    Transport transport();

    /** @return the peer, as {@code address:port/transport}, for the log */
    String peer();

    /** @return where bad input is told */
    BadInputLog badInput();

    /**
     * Sends a response the transport wrote itself; best effort.
     * @param response the response's bytes
     */
    void answer(byte[] response);
}
