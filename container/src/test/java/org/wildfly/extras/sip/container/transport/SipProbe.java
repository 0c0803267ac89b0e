package org.wildfly.extras.sip.container.transport;

import java.io.IOException;

/**
 * Sends hand-written SIP messages, such as malformed ones that sipp would not send, over one transport and reads
 * what comes back.
 */
public interface SipProbe extends AutoCloseable {

    /**
     * @param transport the transport to probe over
     * @param containerPort the port it talks to (TCP connects there at once)
     * @return a probe
     * @throws IOException if it cannot bind or connect
     */
    static SipProbe open(Transport transport, int containerPort) throws IOException {
        return (transport == Transport.TCP) ? new TcpProbe(containerPort) : new UdpProbe();
    }

    /** @return the transport, as the Via of the messages it sends names it */
    Transport transport();

    /** @return the local port, for the Via of the messages it sends */
    int port();

    /**
     * @param message the message, sent as is
     * @param port the container's port
     * @throws IOException if it cannot be sent
     */
    void send(String message, int port) throws IOException;

    /**
     * @return the next message as text, or {@code null} if none arrives within two seconds (or, over TCP, the
     *         container closed the connection)
     * @throws IOException if reading fails
     */
    String receive() throws IOException;

    /** @return whether the container closed the connection (never, for UDP) */
    boolean closedByPeer();

    @Override
    void close();
}
