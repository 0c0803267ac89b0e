package org.wildfly.extension.sip;

/**
 * Transports a SIP connector can listen on (RFC 3261 §18).
 */
public enum SipTransport {
    UDP,
    TCP,
    /** TCP under TLS (RFC 3261 §26.2), with the keys of an Elytron server-ssl-context */
    TLS,
    ;
}
