package org.wildfly.extras.sip.container.session;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a SIP application session must carry to another node: attributes, expiry, and its SIP sessions.
 * Plain data: distributable session managers replicate it, one entry per application session.
 */
public final class ApplicationSessionData extends SessionMetadata {
    private static final long serialVersionUID = 1L;

    private final String applicationName;
    private long expirationTime;
    private final LinkedHashMap<String, SipSessionData> sipSessions = new LinkedHashMap<>();
    private final LinkedHashMap<String, TimerData> timers = new LinkedHashMap<>();
    private final LinkedHashSet<String> httpSessionIds = new LinkedHashSet<>();
    // node-local: set by a distributed store when it read this data as another node left it
    private transient boolean activated;

    /**
     * @param id the application session id, random or derived from a {@code @SipApplicationKey}
     * @param applicationName the application it belongs to
     * @param creationTime when it was created, in epoch milliseconds
     * @param expirationTime when it expires, in epoch milliseconds; 0 for never
     */
    public ApplicationSessionData(String id, String applicationName, long creationTime, long expirationTime) {
        super(id, creationTime);
        this.applicationName = applicationName;
        this.expirationTime = expirationTime;
    }

    public String applicationName() {
        return this.applicationName;
    }

    /** @return when it expires, in epoch milliseconds; 0 for never */
    public long expirationTime() {
        return this.expirationTime;
    }

    public void setExpirationTime(long expirationTime) {
        this.expirationTime = expirationTime;
    }

    /** @return its running servlet timers by id: data, so that a node taking the session over re-arms them; mutable */
    public Map<String, TimerData> timers() {
        return this.timers;
    }

    /** @return the ids of the HTTP sessions of a converged application tied to this session; mutable */
    public Set<String> httpSessionIds() {
        return this.httpSessionIds;
    }

    /** @return whether a store read this data as another node left it: its activation listeners are due */
    public boolean activated() {
        return this.activated;
    }

    /** @param activated whether this data comes from another node (set by a distributed store on find) */
    public void setActivated(boolean activated) {
        this.activated = activated;
    }

    /** @return its SIP sessions by id, in order of creation; mutable */
    public Map<String, SipSessionData> sipSessions() {
        return this.sipSessions;
    }
}
