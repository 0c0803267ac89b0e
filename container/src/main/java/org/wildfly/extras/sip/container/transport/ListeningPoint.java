package org.wildfly.extras.sip.container.transport;

/**
 * Where a transport listens: the configured address, or, once bound, the actual one (port 0 asks for a free port).
 * @param transport UDP or TCP
 * @param host an IP address to bind
 * @param port the port; 0 for any free port
 */
public record ListeningPoint(Transport transport, String host, int port) {

    @Override
    public String toString() {
        return this.transport + " " + (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
    }
}
