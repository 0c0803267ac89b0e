package org.wildfly.extras.sip.container.transport;

import javax.net.ssl.SSLContext;

/**
 * Where a transport listens: the configured address, or, once bound, the actual one (port 0 asks for a free port).
 * @param transport UDP, TCP or TLS
 * @param host an IP address to bind
 * @param port the port; 0 for any free port
 * @param sslContext for TLS, the host's context whose keys the point presents and whose trust it checks clients with
 *        (its protocols, cipher suites and client authentication apply as the host configured them); {@code null} otherwise
 */
public record ListeningPoint(Transport transport, String host, int port, SSLContext sslContext) {

    public ListeningPoint {
        if (transport == Transport.TLS && sslContext == null) {
            throw new IllegalArgumentException("A TLS listening point on " + host + ":" + port + " needs an SSL context with the keys it presents");
        }
        if (transport != Transport.TLS && sslContext != null) {
            throw new IllegalArgumentException("Only a TLS listening point takes an SSL context, not " + transport);
        }
    }

    /** A UDP or TCP listening point. */
    public ListeningPoint(Transport transport, String host, int port) {
        this(transport, host, port, null);
    }

    /** @return the host as a URI or a Via writes it: an IPv6 address in brackets (RFC 3261 §25.1) */
    public String uriHost() {
        return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
    }

    @Override
    public String toString() {
        return this.transport + " " + this.uriHost() + ":" + this.port;
    }
}
