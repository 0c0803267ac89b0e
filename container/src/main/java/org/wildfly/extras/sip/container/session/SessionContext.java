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

    /**
     * Checks that an attribute value can be stored where the application's sessions live.
     * @param name the attribute name
     * @param value the value
     * @throws IllegalArgumentException naming the attribute and the value's class, if it cannot
     */
    default void checkAttribute(String name, Object value) {
    }

    /**
     * The application changed a session: written at once when it did so outside the processing of a message (from an
     * HTTP servlet or a thread of its own), where no unit of work ends to write it.
     * @param session the application session changed
     */
    default void changed(SipApplicationSessionImpl session) {
    }

    /** @return whether this node arms the sessions' servlet timers itself; {@code false} when the session store schedules them */
    default boolean armsTimersLocally() {
        return true;
    }
}
