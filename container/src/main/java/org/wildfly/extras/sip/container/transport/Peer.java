package org.wildfly.extras.sip.container.transport;

/**
 * The other end of a received message.
 * @param transport the transport it came over
 * @param host the source IP address
 * @param port the source port
 */
public record Peer(Transport transport, String host, int port) {
}
