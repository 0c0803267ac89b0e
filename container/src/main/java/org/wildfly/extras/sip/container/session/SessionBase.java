package org.wildfly.extras.sip.container.session;

/**
 * What an application session and a SIP session do alike (JSR 289 §6.1, §6.2): identity, times, validity, and
 * attributes with their binding and attribute listeners. Each kind tells its own listeners, with its own events.
 * @param <D> the replicable data it reads and changes
 */
abstract class SessionBase<D extends SessionMetadata> {

    /** What happened to an attribute, for the application's attribute listeners. */
    enum AttributeChange {
        ADDED, REPLACED, REMOVED
    }

    // node-local: the requests the application stored as attributes, which the data holds as StoredRequest
    // (the stored form each was kept under, so that a read compares the two forms without encoding the request again)
    private final java.util.Map<String, LiveValue> liveValues = new java.util.concurrent.ConcurrentHashMap<>();

    /** A live request and the form the data holds it in. */
    private record LiveValue(StoredRequest stored, Object value) {
    }

    /** @return the application session this session is or belongs to */
    abstract SipApplicationSessionImpl applicationSession();

    /** @return the data this session reads and changes now */
    public abstract D data();

    /** @return what it is, for messages: "SIP session ...", "Application session ..." */
    abstract String describe();

    /** @return the context of the application session it belongs to */
    abstract SessionContext sessionContext();

    /** Tells the store that the application session changed outside a message (written at once there). */
    abstract void changed();

    /** Tells a value of this session's kind of binding listener that it was bound or unbound. */
    abstract void valueBound(String name, Object value, boolean bound);

    /** Tells the application's attribute listeners of this session's kind. */
    abstract void attributeChanged(String name, AttributeChange change);

    public String getId() {
        return this.data().id();
    }

    public long getCreationTime() {
        this.checkValid();
        return this.data().creationTime();
    }

    public long getLastAccessedTime() {
        return this.data().lastAccessedTime();
    }

    public void setInvalidateWhenReady(boolean invalidateWhenReady) {
        this.checkValid();
        this.data().setInvalidateWhenReady(invalidateWhenReady);
    }

    public boolean getInvalidateWhenReady() {
        this.checkValid();
        return this.data().invalidateWhenReady();
    }

    public Object getAttribute(String name) {
        this.checkValid();
        Object value = this.data().attributes().get(name);
        if (value instanceof StoredRequest stored) {
            // the live request this node holds for it, else one rebuilt from the data (a call taken over)
            LiveValue live = this.liveValues.get(name);
            if (live == null || !stored.equals(live.stored())) {
                live = new LiveValue(stored, this.sessionContext().fromStored(this.applicationSession(), stored));
                this.liveValues.put(name, live);
            }
            return live.value();
        }
        return value;
    }

    public void setAttribute(String name, Object attribute) {
        this.checkValid();
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        if (attribute == null) {
            throw new NullPointerException("attribute " + name + ": use removeAttribute to remove it");
        }
        Object stored = this.sessionContext().toStored(attribute);
        this.sessionContext().checkAttribute(name, stored);
        this.valueBound(name, attribute, true);
        if (stored instanceof StoredRequest request) {
            this.liveValues.put(name, new LiveValue(request, attribute));
        } else {
            this.liveValues.remove(name);
        }
        Object old = this.data().attributes().put(name, stored);
        if (old instanceof StoredRequest) {
            old = attribute; // the same request, or another one: its binding listeners are not told (a request is none)
        }
        if (old != null && old != attribute) {
            this.valueBound(name, old, false);
        }
        this.attributeChanged(name, (old == null) ? AttributeChange.ADDED : AttributeChange.REPLACED);
        this.changed();
    }

    public void removeAttribute(String name) {
        this.checkValid();
        this.liveValues.remove(name);
        Object old = this.data().attributes().remove(name);
        if (old != null) {
            this.valueBound(name, old, false);
            this.attributeChanged(name, AttributeChange.REMOVED);
            this.changed();
        }
    }

    /** @throws IllegalStateException if the session was invalidated */
    final void checkValid() {
        if (!this.isValid()) {
            throw new IllegalStateException(this.describe() + " was invalidated");
        }
    }

    public abstract boolean isValid();
}
