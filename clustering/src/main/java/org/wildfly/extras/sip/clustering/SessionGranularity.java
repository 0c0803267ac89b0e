package org.wildfly.extras.sip.clustering;

/** What a message's changes cost on the wire, as {@code distributable-web} names it. */
public enum SessionGranularity {
    /** The whole application session, with its SIP sessions and timers, is written when anything in it changed. */
    SESSION,
    /** Only the parts that changed are written: one attribute, one SIP session's state, one timer. */
    ATTRIBUTE,
}
