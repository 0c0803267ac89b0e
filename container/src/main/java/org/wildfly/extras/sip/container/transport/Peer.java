package org.wildfly.extras.sip.container.transport;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The other end of a received message.
 * @param transport the transport it came over: the connection's own, not what the message's Via claims
 * @param host the source IP address
 * @param port the source port
 * @param certificates the certificate chain the peer presented on a TLS connection, which the connection's trust manager
 *        accepted, the peer's own first; empty on UDP and TCP, and on a TLS connection whose peer presented none
 */
public record Peer(Transport transport, String host, int port, List<X509Certificate> certificates) {

    public Peer {
        certificates = (certificates != null) ? List.copyOf(certificates) : List.of();
    }

    /** A peer that presented no certificate. */
    public Peer(Transport transport, String host, int port) {
        this(transport, host, port, List.of());
    }
}
