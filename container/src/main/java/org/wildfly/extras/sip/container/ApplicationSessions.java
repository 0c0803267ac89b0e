package org.wildfly.extras.sip.container;

import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;

/**
 * The application sessions of one deployment, as {@code SipFactory}, {@code SipSessionsUtil} and converged HTTP sessions
 * reach them: find one, or create one.
 */
interface ApplicationSessions {

    /** @return the application's name */
    String applicationName();

    /**
     * @param id an application session id
     * @return that application session, from wherever the store keeps it, or {@code null}
     */
    SipApplicationSessionImpl find(String id);

    /**
     * @param key a key of the application ({@code createApplicationSessionByKey}), or {@code null} for a new session
     * @return the session of that key, created if there is none; a new session for no key
     */
    SipApplicationSessionImpl create(String key);
}
