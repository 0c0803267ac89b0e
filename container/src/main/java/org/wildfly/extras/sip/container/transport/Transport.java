package org.wildfly.extras.sip.container.transport;

/**
 * The SIP transports the container listens on.
 */
public enum Transport {
    UDP,
    TCP,
    /** TCP under TLS: {@code sips:} URIs and {@code ;transport=tls} (RFC 3261 §26.2) */
    TLS,
    ;
}
