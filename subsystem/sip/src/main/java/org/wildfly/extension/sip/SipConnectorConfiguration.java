package org.wildfly.extension.sip;

import javax.net.ssl.SSLContext;

import org.jboss.as.network.SocketBinding;

/**
 * A resolved {@code connector=*} resource: where the SIP container listens and with which transport.
 * @param name the connector name
 * @param transport the SIP transport
 * @param socketBinding the socket binding giving the interface and (offset) port
 * @param sslContext for TLS, the SSL context whose keys the connector presents; {@code null} otherwise
 */
public record SipConnectorConfiguration(String name, SipTransport transport, SocketBinding socketBinding, SSLContext sslContext) {
}
