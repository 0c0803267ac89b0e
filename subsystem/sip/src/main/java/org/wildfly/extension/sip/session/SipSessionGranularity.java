package org.wildfly.extension.sip.session;

/**
 * What a distributable SIP session manager writes to the cache when a message's processing changed a session.
 */
public enum SipSessionGranularity {
    /** The whole session: fewer cache entries, more bytes per write. */
    SESSION,
    /** Only the attributes that changed: more cache entries, fewer bytes per write. */
    ATTRIBUTE,
    ;
}
