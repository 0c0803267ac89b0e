package org.wildfly.extras.sip.container.session;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application sessions of one deployment in this JVM: what a non-distributable application gets.
 */
public final class InMemorySipSessionStore implements SipSessionStore {

    private final String applicationName;
    private final ConcurrentHashMap<String, ApplicationSessionData> sessions = new ConcurrentHashMap<>();

    public InMemorySipSessionStore(String applicationName) {
        this.applicationName = applicationName;
    }

    @Override
    public ApplicationSessionData create(String id, long creationTime, long expirationTime) {
        ApplicationSessionData data = new ApplicationSessionData(id, this.applicationName, creationTime, expirationTime);
        if (this.sessions.putIfAbsent(id, data) != null) {
            throw new IllegalStateException("Application session " + id + " exists");
        }
        return data;
    }

    @Override
    public ApplicationSessionData find(String id) {
        return this.sessions.get(id);
    }

    @Override
    public void commit(ApplicationSessionData data) {
        // the caller changed the stored object itself
    }

    @Override
    public void remove(String id) {
        this.sessions.remove(id);
    }

    @Override
    public List<StoredSession> sessions() {
        return this.sessions.values().stream().map(data -> new StoredSession(data, null)).toList();
    }

    @Override
    public int size() {
        return this.sessions.size();
    }

    @Override
    public void close() {
        this.sessions.clear();
    }
}
