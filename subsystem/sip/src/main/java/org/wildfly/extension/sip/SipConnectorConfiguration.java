package org.wildfly.extension.sip;

import org.jboss.as.network.SocketBinding;

/**
 * A resolved {@code connector=*} resource: where the SIP container listens and with which transport.
 * @param name the connector name
 * @param transport the SIP transport
 * @param socketBinding the socket binding giving the interface and (offset) port
 */
public record SipConnectorConfiguration(String name, SipTransport transport, SocketBinding socketBinding) {
}
