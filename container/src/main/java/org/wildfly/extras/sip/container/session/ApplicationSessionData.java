package org.wildfly.extras.sip.container.session;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a SIP application session must carry to another node: attributes, expiry, and its SIP sessions.
 * Plain data: distributable session managers replicate it, one entry per application session.
 */
public final class ApplicationSessionData implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String applicationName;
    private final long creationTime;
    private long lastAccessedTime;
    private long expirationTime;
    private boolean valid = true;
    private boolean invalidateWhenReady = true;
    private final LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();
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
        this.id = id;
        this.applicationName = applicationName;
        this.creationTime = creationTime;
        this.lastAccessedTime = creationTime;
        this.expirationTime = expirationTime;
    }

    public String id() {
        return this.id;
    }

    public String applicationName() {
        return this.applicationName;
    }

    public long creationTime() {
        return this.creationTime;
    }

    public long lastAccessedTime() {
        return this.lastAccessedTime;
    }

    public void setLastAccessedTime(long time) {
        this.lastAccessedTime = time;
    }

    /** @return when it expires, in epoch milliseconds; 0 for never */
    public long expirationTime() {
        return this.expirationTime;
    }

    public void setExpirationTime(long expirationTime) {
        this.expirationTime = expirationTime;
    }

    public boolean isValid() {
        return this.valid;
    }

    public void invalidate() {
        this.valid = false;
    }

    public boolean invalidateWhenReady() {
        return this.invalidateWhenReady;
    }

    public void setInvalidateWhenReady(boolean invalidateWhenReady) {
        this.invalidateWhenReady = invalidateWhenReady;
    }

    /** @return the attributes, in the order they were first set; mutable */
    public Map<String, Object> attributes() {
        return this.attributes;
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
