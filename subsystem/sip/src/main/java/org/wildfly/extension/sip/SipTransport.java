package org.wildfly.extension.sip;

/**
 * Transports a SIP connector can listen on (RFC 3261 §18).
 */
public enum SipTransport {
    UDP,
    TCP,
    ;
}
