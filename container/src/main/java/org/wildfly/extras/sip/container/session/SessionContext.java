package org.wildfly.extras.sip.container.session;

/**
 * What session objects need from the deployment and the container they live in. Node-local: nothing here is replicated.
 */
public interface SessionContext extends SessionServices {

    /** @return the name of the SIP application */
    String applicationName();

    /** @return now, in epoch milliseconds */
    long now();

    /** The application session's expiration time changed: re-arm its expiry timer. */
    void expirationChanged(SipApplicationSessionImpl session);

    /** The application session was invalidated: forget it. */
    void destroyed(SipApplicationSessionImpl session);
}
