package org.wildfly.extras.sip.container.transport;

import java.time.Duration;

/**
 * What a transport grants its peers, so that nothing a peer sends can exhaust this node: each bound is the most one
 * peer, or all of them together, can take of its memory and connections.
 * With the defaults, TCP peers can hold at most {@code maxTcpConnections × maxMessageSize} = 64 MiB of partly received
 * messages, and UDP datagrams waiting to be parsed at most {@code udpBacklog} = 4 MiB.
 *
 * @param maxTcpConnections the most TCP connections open at once, accepted and opened; a connection accepted beyond
 *        it is closed at once. Default {@value #DEFAULT_MAX_TCP_CONNECTIONS}
 * @param maxMessageSize the largest message, start line, header fields and body, in bytes. A TCP request whose
 *        Content-Length would pass it is answered 513 (Message Too Large) and its body skipped without being kept; a
 *        larger datagram is dropped. Default {@value #DEFAULT_MAX_MESSAGE_SIZE}, the most a UDP datagram can carry
 * @param maxHeaderSize the longest start line and header fields of a TCP message, in bytes; a connection that sends
 *        more before the empty line that ends them is closed. Default {@value #DEFAULT_MAX_HEADER_SIZE}
 * @param tcpIdleTimeout how long a TCP connection may carry nothing, in either direction, before it is closed.
 *        Default two minutes, as Kamailio's {@code tcp_connection_lifetime}
 * @param tcpReadTimeout how long a TCP message may take to arrive, from its first byte to its last; a connection that
 *        takes longer (a peer that trickles a message, or announces more body than it sends) is closed. Default ten seconds
 * @param udpBacklog the most bytes of received datagrams waiting to be parsed; datagrams that arrive beyond it are
 *        dropped, as the kernel drops what its receive buffer cannot hold. Default 4 MiB, as much as the socket's own receive buffer
 */
public record TransportLimits(int maxTcpConnections, int maxMessageSize, int maxHeaderSize, Duration tcpIdleTimeout, Duration tcpReadTimeout,
        int udpBacklog) {

    /** The default of {@link #maxTcpConnections()}. */
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 1024;
    /** The default of {@link #maxMessageSize()}: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65535;
    /** The default of {@link #maxHeaderSize()}: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** The largest datagram a UDP socket receives: the most an IPv4 datagram carries. */
    public static final int MAX_DATAGRAM = 65535;

    /** The limits a transport has unless its host says otherwise. */
    public static final TransportLimits DEFAULTS = new TransportLimits(DEFAULT_MAX_TCP_CONNECTIONS, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_HEADER_SIZE,
            Duration.ofMinutes(2), Duration.ofSeconds(10), 4 * 1024 * 1024);

    /** Checks each limit is positive and that a message can hold its header fields. */
    public TransportLimits {
        positive("maxTcpConnections", maxTcpConnections);
        positive("maxMessageSize", maxMessageSize);
        positive("maxHeaderSize", maxHeaderSize);
        positive("udpBacklog", udpBacklog);
        if (maxHeaderSize > maxMessageSize) {
            throw new IllegalArgumentException("maxHeaderSize " + maxHeaderSize + " exceeds maxMessageSize " + maxMessageSize);
        }
        if (tcpIdleTimeout == null || tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("tcpIdleTimeout must be positive: " + tcpIdleTimeout);
        }
        if (tcpReadTimeout == null || tcpReadTimeout.isNegative() || tcpReadTimeout.isZero()) {
            throw new IllegalArgumentException("tcpReadTimeout must be positive: " + tcpReadTimeout);
        }
    }

    /**
     * @param connections the most TCP connections
     * @return these limits with that one changed
     */
    public TransportLimits withMaxTcpConnections(int connections) {
        return new TransportLimits(connections, this.maxMessageSize, this.maxHeaderSize, this.tcpIdleTimeout, this.tcpReadTimeout, this.udpBacklog);
    }

    /**
     * @param messageSize the largest message, in bytes
     * @param headerSize the longest header section, in bytes
     * @return these limits with those changed
     */
    public TransportLimits withMessageSizes(int messageSize, int headerSize) {
        return new TransportLimits(this.maxTcpConnections, messageSize, headerSize, this.tcpIdleTimeout, this.tcpReadTimeout, this.udpBacklog);
    }

    /**
     * @param idle the TCP idle timeout
     * @param read the TCP read timeout
     * @return these limits with those changed
     */
    public TransportLimits withTcpTimeouts(Duration idle, Duration read) {
        return new TransportLimits(this.maxTcpConnections, this.maxMessageSize, this.maxHeaderSize, idle, read, this.udpBacklog);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
