package org.wildfly.extras.sip.container.session;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionBindingListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.dialog.DialogState;

/**
 * A SIP application session (JSR 289 §6.1) over its replicable {@link ApplicationSessionData}.
 * The container hands out one object per application session on a node, and binds it to fresh data when a message
 * of another node changed the session.
 */
public final class SipApplicationSessionImpl extends SessionBase<ApplicationSessionData> implements SipApplicationSession {

    /** The URI parameter that {@link #encodeURI} adds: requests to such a URI join this application session. */
    public static final String ENCODED_ID_PARAMETER = "sipappsessionid";

    private final SessionContext context;
    private volatile ApplicationSessionData data;
    private final Map<String, SipSessionImpl> sipSessions = new ConcurrentHashMap<>();

    public SipApplicationSessionImpl(ApplicationSessionData data, SessionContext context) {
        this.data = data;
        this.context = context;
    }

    /** @return the data to commit at the end of the message */
    @Override
    public ApplicationSessionData data() {
        return this.data;
    }

    /** Rebinds this object to data read from the store, e.g. after another node handled a message of the call. */
    public void bind(ApplicationSessionData data) {
        this.data = data;
        this.sipSessions.keySet().retainAll(data.sipSessions().keySet());
        this.sipSessions.values().forEach(session -> session.bind(data.sipSessions().get(session.getId())));
    }

    SessionContext context() {
        return this.context;
    }

    /**
     * Creates a SIP session in this application session.
     * @param data its data, not yet added
     * @return the new session, after {@code sessionCreated} was announced
     */
    public SipSessionImpl createSipSession(SipSessionData data) {
        this.checkValid();
        this.data.sipSessions().put(data.id(), data);
        SipSessionImpl session = this.sipSession(data);
        SipSessionImpl created = session;
        this.context.listeners().sipSession(listener -> listener.sessionCreated(new javax.servlet.sip.SipSessionEvent(created)));
        this.context.changed(this);
        return session;
    }

    /** Announces the creation of this application session; the container calls it once, on the creating node. */
    public void announceCreation() {
        this.context.listeners().applicationSession(listener -> listener.sessionCreated(new SipApplicationSessionEvent(this)));
    }

    /**
     * Tells listeners that this session expired; they may extend it with {@link #setExpires}.
     * @return whether it is still expired afterwards, and should be invalidated
     */
    public boolean expire() {
        if (!this.data.isValid()) {
            return false;
        }
        this.context.listeners().applicationSession(listener -> listener.sessionExpired(new SipApplicationSessionEvent(this)));
        long expiration = this.data.expirationTime();
        return this.data.isValid() && expiration != 0 && expiration <= this.context.now();
    }

    /**
     * Tells activation listeners (declared ones, and attribute values that are such listeners) that this session and its
     * SIP sessions were activated on this node: another node wrote them last (JSR 289 §6.4.3).
     */
    public void activate() {
        this.tellActivationListeners(SipApplicationSessionActivationListener::sessionDidActivate, SipSessionImpl::activate);
    }

    /**
     * Tells activation listeners that this session and its SIP sessions are about to be written for the other nodes
     * (JSR 289 §6.4.3): a distributable application's session passivates at the end of each message that changed it.
     */
    public void passivate() {
        this.tellActivationListeners(SipApplicationSessionActivationListener::sessionWillPassivate, SipSessionImpl::passivate);
    }

    private void tellActivationListeners(java.util.function.BiConsumer<SipApplicationSessionActivationListener, SipApplicationSessionEvent> call,
            java.util.function.Consumer<SipSessionImpl> sipSessionCall) {
        SipApplicationSessionEvent event = new SipApplicationSessionEvent(this);
        this.context.listeners().applicationSessionActivation(listener -> call.accept(listener, event));
        for (Object value : List.copyOf(this.data.attributes().values())) {
            if (value instanceof SipApplicationSessionActivationListener listener) {
                SessionListeners.notifyOne(listener, l -> call.accept(l, event));
            }
        }
        for (SipSessionImpl session : this.validSipSessions()) {
            sipSessionCall.accept(session);
        }
    }

    /**
     * Checks that a value this session will hold, such as a timer's info, can be stored where the session lives.
     * @param name what the value is, for the message
     * @param value the value
     * @throws IllegalArgumentException naming it and its class, if it cannot be stored (a distributable application)
     */
    public void checkStorable(String name, Object value) {
        this.context.checkAttribute(name, value);
    }

    /**
     * Adds or replaces a servlet timer. Like any change, it is written at once when made outside a message (a timer
     * an HTTP servlet creates): a store that arms timers learns them only from what is written.
     * @param timer the timer
     */
    public void putTimer(TimerData timer) {
        this.data.timers().put(timer.id(), timer);
        this.context.changed(this);
    }

    /**
     * Removes a servlet timer (cancelled, or a one-shot timer that fired), written at once outside a message.
     * @param timerId the timer
     * @return whether the session had it
     */
    public boolean removeTimer(String timerId) {
        boolean removed = this.data.timers().remove(timerId) != null;
        if (removed) {
            this.context.changed(this);
        }
        return removed;
    }

    /** @return whether this node arms this session's servlet timers, rather than the session store */
    public boolean armsTimersLocally() {
        return this.context.armsTimersLocally();
    }

    /** Records an access by a message of this session. */
    public void access() {
        this.data.setLastAccessedTime(this.context.now());
    }

    @Override
    public long getExpirationTime() {
        this.checkValid();
        long expiration = this.data.expirationTime();
        // 0 for never; Long.MIN_VALUE once expired, as a listener's sessionExpired sees it (JSR 289 javadoc)
        return (expiration != 0 && expiration <= this.context.now()) ? Long.MIN_VALUE : expiration;
    }

    @Override
    public String getApplicationName() {
        return this.data.applicationName();
    }

    @Override
    public int setExpires(int deltaMinutes) {
        this.checkValid();
        this.data.setExpirationTime((deltaMinutes > 0) ? this.context.now() + deltaMinutes * 60_000L : 0);
        this.context.expirationChanged(this);
        this.context.changed(this);
        return (deltaMinutes > 0) ? deltaMinutes : Integer.MAX_VALUE; // never expires: granted without end (JSR 289 javadoc)
    }

    @Override
    public void invalidate() {
        this.checkValid();
        for (SipSessionImpl session : List.copyOf(this.sipSessions())) {
            if (session.isValid()) {
                session.invalidate();
            }
        }
        for (String name : List.copyOf(this.data.attributes().keySet())) {
            this.removeAttribute(name);
        }
        this.context.listeners().applicationSession(listener -> listener.sessionDestroyed(new SipApplicationSessionEvent(this)));
        this.data.invalidate();
        this.context.destroyed(this);
    }

    /**
     * Invalidates each SIP session that is ready to be and is left to the container (JSR 289 §6.2.4.1.2), after its
     * listeners heard it is ready, and drops what invalidated SIP sessions left in the data: an application session that
     * lives on (a conference under a {@code @SipApplicationKey}) keeps its calls in progress, not every call it had.
     */
    public void invalidateReadySipSessions() {
        for (SipSessionImpl session : this.sipSessions()) {
            if (session.isValid() && session.getInvalidateWhenReady() && session.isReadyToInvalidate()) {
                this.context.listeners().sipSession(listener -> listener.sessionReadyToInvalidate(new javax.servlet.sip.SipSessionEvent(session)));
                if (session.isValid() && session.getInvalidateWhenReady() && session.isReadyToInvalidate()) {
                    session.invalidate();
                }
            }
        }
        if (this.data.sipSessions().values().removeIf(session -> !session.isValid())) {
            this.sipSessions.keySet().retainAll(this.data.sipSessions().keySet());
        }
    }

    /**
     * @return the valid SIP session of this application session whose dialog has these Call-ID and tags, or {@code null}
     */
    public SipSessionImpl dialogSession(String callId, String localTag, String remoteTag) {
        for (SipSessionImpl session : this.validSipSessions()) {
            DialogState dialog = session.data().dialog();
            if (dialog != null && dialog.callId().equals(callId) && dialog.localTag().equals(localTag) && Objects.equals(dialog.remoteTag(), remoteTag)) {
                return session;
            }
        }
        return null;
    }

    @Override
    public boolean isReadyToInvalidate() {
        this.checkValid();
        for (SipSessionImpl session : this.sipSessions()) {
            if (session.isValid() && !session.isReadyToInvalidate()) {
                return false;
            }
        }
        return this.context.timers(this).isEmpty();
    }

    /**
     * @return whether a call of this session is in progress on this node: one of its SIP sessions has a dialog that is
     *         early or confirmed (a BYE sent and not yet answered included), or a transaction in progress before any dialog.
     *         That is JSR 289's "not ready to invalidate", without the timers: a timer alone is no call.
     */
    public boolean hasCallInProgress() {
        if (!this.isValid()) {
            return false;
        }
        for (SipSessionImpl session : this.sipSessions()) {
            if (session.isValid() && !session.isReadyToInvalidate()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<?> getSessions() {
        this.checkValid();
        return this.validSipSessions().iterator();
    }

    @Override
    public Iterator<?> getSessions(String protocol) {
        this.checkValid();
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        switch (protocol.toUpperCase(java.util.Locale.ROOT)) {
            case "SIP":
                return this.validSipSessions().iterator();
            case "HTTP":
                return this.httpSessions().iterator();
            default:
                throw new IllegalArgumentException("Unknown protocol " + protocol + ": use SIP or HTTP");
        }
    }

    @Override
    public SipSession getSipSession(String id) {
        this.checkValid();
        SipSessionData session = this.data.sipSessions().get(id);
        return (session != null) ? this.sipSession(session) : null;
    }

    @Override
    public Object getSession(String id, Protocol protocol) {
        this.checkValid();
        if (protocol == Protocol.HTTP) {
            return this.data.httpSessionIds().contains(id) ? this.context.httpSession(id) : null;
        }
        return (protocol == Protocol.SIP) ? this.getSipSession(id) : null;
    }

    /**
     * Ties an HTTP session of the same converged application to this application session (JSR 289 §13.4).
     * @param httpSessionId the HTTP session's id
     */
    public void tieHttpSession(String httpSessionId) {
        this.checkValid();
        if (!this.data.httpSessionIds().contains(httpSessionId)) {
            this.data.httpSessionIds().add(httpSessionId);
            this.context.changed(this);
        }
    }

    private List<Object> httpSessions() {
        List<Object> sessions = new java.util.ArrayList<>();
        for (String id : List.copyOf(this.data.httpSessionIds())) {
            Object session = this.context.httpSession(id);
            if (session != null) {
                sessions.add(session);
            }
        }
        return sessions;
    }

    @Override
    public void encodeURI(URI uri) {
        this.checkValid();
        uri.setParameter(ENCODED_ID_PARAMETER, this.getId());
    }

    @Override
    public URL encodeURL(URL url) {
        this.checkValid();
        String text = url.toString();
        int fragment = text.indexOf('#');
        String base = (fragment >= 0) ? text.substring(0, fragment) : text;
        String encoded = base + ((base.indexOf('?') >= 0) ? '&' : '?') + ENCODED_ID_PARAMETER + '=' + this.getId() + ((fragment >= 0) ? text.substring(fragment) : "");
        try {
            return new URL(encoded);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Iterator<String> getAttributeNames() {
        this.checkValid();
        return List.copyOf(this.data.attributes().keySet()).iterator();
    }

    @Override
    public Collection<ServletTimer> getTimers() {
        this.checkValid();
        return this.context.timers(this);
    }

    @Override
    public ServletTimer getTimer(String id) {
        this.checkValid();
        for (ServletTimer timer : this.context.timers(this)) {
            if (timer.getId().equals(id)) {
                return timer;
            }
        }
        return null;
    }

    @Override
    public boolean isValid() {
        return this.data.isValid();
    }

    @Override
    String describe() {
        return "Application session " + this.getId();
    }

    @Override
    SessionContext sessionContext() {
        return this.context;
    }

    @Override
    SipApplicationSessionImpl applicationSession() {
        return this;
    }

    @Override
    void changed() {
        this.context.changed(this);
    }

    @Override
    void valueBound(String name, Object value, boolean bound) {
        if (value instanceof SipApplicationSessionBindingListener listener) {
            SipApplicationSessionBindingEvent event = new SipApplicationSessionBindingEvent(this, name);
            SessionListeners.notifyOne(listener, l -> {
                if (bound) {
                    l.valueBound(event);
                } else {
                    l.valueUnbound(event);
                }
            });
        }
    }

    @Override
    void attributeChanged(String name, AttributeChange change) {
        SipApplicationSessionBindingEvent event = new SipApplicationSessionBindingEvent(this, name);
        this.context.listeners().applicationSessionAttribute(switch (change) {
            case ADDED -> listener -> listener.attributeAdded(event);
            case REPLACED -> listener -> listener.attributeReplaced(event);
            case REMOVED -> listener -> listener.attributeRemoved(event);
        });
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof SipApplicationSessionImpl other && this.getId().equals(other.getId());
    }

    @Override
    public int hashCode() {
        return this.getId().hashCode();
    }

    @Override
    public String toString() {
        return "SipApplicationSession " + this.getId() + " of " + this.getApplicationName();
    }

    private SipSessionImpl sipSession(SipSessionData data) {
        return this.sipSessions.computeIfAbsent(data.id(), id -> new SipSessionImpl(data, this));
    }

    private List<SipSessionImpl> sipSessions() {
        List<SipSessionImpl> sessions = new ArrayList<>(this.data.sipSessions().size());
        for (SipSessionData session : this.data.sipSessions().values()) {
            sessions.add(this.sipSession(session));
        }
        return sessions;
    }

    private List<SipSessionImpl> validSipSessions() {
        return this.sipSessions().stream().filter(SipSessionImpl::isValid).toList();
    }

}
