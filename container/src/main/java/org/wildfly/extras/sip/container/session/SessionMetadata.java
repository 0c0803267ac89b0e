package org.wildfly.extras.sip.container.session;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an application session and a SIP session both carry: identity, times, validity, and attributes (JSR 289
 * §6.1, §6.2). Plain data, replicated with the application session.
 */
public abstract class SessionMetadata implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final long creationTime;
    private long lastAccessedTime;
    private boolean valid = true;
    private boolean invalidateWhenReady = true;
    private final LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();

    /**
     * @param id the session id, random and node-neutral (or derived from an application key)
     * @param creationTime when it was created, in epoch milliseconds; also its first access
     */
    SessionMetadata(String id, long creationTime) {
        this.id = id;
        this.creationTime = creationTime;
        this.lastAccessedTime = creationTime;
    }

    public final String id() {
        return this.id;
    }

    public final long creationTime() {
        return this.creationTime;
    }

    public final long lastAccessedTime() {
        return this.lastAccessedTime;
    }

    public final void setLastAccessedTime(long time) {
        this.lastAccessedTime = time;
    }

    public final boolean isValid() {
        return this.valid;
    }

    public final void invalidate() {
        this.valid = false;
    }

    public final boolean invalidateWhenReady() {
        return this.invalidateWhenReady;
    }

    public final void setInvalidateWhenReady(boolean invalidateWhenReady) {
        this.invalidateWhenReady = invalidateWhenReady;
    }

    /** @return the attributes, in the order they were first set; mutable */
    public final Map<String, Object> attributes() {
        return this.attributes;
    }

    /**
     * Gives a copy of this data (one without its content, as a store writes the parts apart) the same times and validity.
     * @param copy a copy of the same id
     */
    public final void copyStateTo(SessionMetadata copy) {
        copy.lastAccessedTime = this.lastAccessedTime;
        copy.invalidateWhenReady = this.invalidateWhenReady;
        copy.valid = this.valid;
    }
}
