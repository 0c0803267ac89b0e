package org.wildfly.extras.sip.container.transport;

/**
 * The SIP transports the container listens on.
 */
public enum Transport {
    UDP,
    TCP,
    ;
}
