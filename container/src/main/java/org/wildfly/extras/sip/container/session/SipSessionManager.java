package org.wildfly.extras.sip.container.session;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.dispatch.UnitOfWork;

/**
 * The application sessions of one deployment on this node: one object per session, loaded from and committed to the
 * deployment's {@link SipSessionStore}, and expired on time. Every method that touches a session must run under that
 * session's key on the {@link SerialExecutor}, as message processing does: the store's unit of work on a session ends
 * with the executor's task. Expiry and timers are armed here, or by the store if it {@link SipSessionStore#schedules()}.
 */
public final class SipSessionManager implements SessionContext, AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SipSessionManager.class.getName());

    private final String applicationName;
    private final SipSessionStore store;
    private final SessionServices services;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor executor;
    private final Clock clock;
    private final int defaultTimeoutMinutes;
    private final Map<String, SipApplicationSessionImpl> sessions = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> expirations = new ConcurrentHashMap<>();
    // the application sessions with a call in progress here, as each was when a message's work on it last ended
    private final Set<String> callsInProgress = ConcurrentHashMap.newKeySet();
    private final LongAdder storedUnits = new LongAdder();
    private final LongAdder storeNanos = new LongAdder();
    private final LongAdder heldElsewhere = new LongAdder();

    /**
     * @param applicationName the application
     * @param store where its sessions live
     * @param services what the deployment provides
     * @param scheduler runs expiry timers
     * @param executor serializes work per application session
     * @param clock the time
     * @param defaultTimeoutMinutes the timeout of new application sessions; 0 or less: never
     */
    public SipSessionManager(String applicationName, SipSessionStore store, SessionServices services, ScheduledExecutorService scheduler, SerialExecutor executor, Clock clock, int defaultTimeoutMinutes) {
        this.applicationName = applicationName;
        this.store = store;
        this.services = services;
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.defaultTimeoutMinutes = defaultTimeoutMinutes;
        if (store.schedules()) {
            store.start(id -> executor.execute(id, () -> this.due(id)));
        }
    }

    /**
     * Creates an application session and announces it.
     * @param id its id, from {@link SessionKeys#newApplicationSessionId()} or a {@code @SipApplicationKey}
     * @return the session
     */
    public SipApplicationSessionImpl create(String id) {
        long now = this.now();
        long expiration = (this.defaultTimeoutMinutes > 0) ? now + this.defaultTimeoutMinutes * 60_000L : 0;
        ApplicationSessionData data = this.store.create(id, now, expiration);
        UnitOfWork work = UnitOfWork.current();
        if (work != null) {
            work.whenDone(() -> this.release(id));
        } else {
            // outside any task (e.g. SipFactory in a servlet's init): write it at once, so that it exists in the store
            this.store.commit(data);
            this.release(id);
        }
        SipApplicationSessionImpl session = new SipApplicationSessionImpl(data, this);
        this.sessions.put(id, session);
        session.announceCreation();
        this.schedule(session);
        return session;
    }

    /** @return the id to create a new application session this node handles under ({@link SipSessionStore#localId}) */
    public String localId(String id) {
        return this.store.localId(id);
    }

    /**
     * Binds a new initial request's transaction to the application session about to be created for it, in its unit of
     * work ({@link SipSessionStore#bind}).
     * @param transactionKey the request's transaction
     * @param id the new session's id
     * @return the id of the application session that handled the request before, or {@code null}
     */
    public String bind(String transactionKey, String id) {
        try {
            return this.store.bind(transactionKey, id);
        } catch (SessionUnavailableException e) {
            this.heldElsewhere.increment();
            throw e;
        } finally {
            this.releaseWhenTaskEnds(id); // the unit of work is open even if binding failed
        }
    }

    /**
     * Ends the unit of work open on an id when the task in progress ends, or now outside any task: then what the caller
     * holds is a snapshot, whose changes the next message of the session does not see.
     */
    private void releaseWhenTaskEnds(String id) {
        UnitOfWork work = UnitOfWork.current();
        if (work != null) {
            work.whenDone(() -> this.release(id));
        } else {
            this.release(id);
        }
    }

    /** Ends a unit of work: what its message changed is written to the store; a store that ended one is timed. */
    private void release(String id) {
        long start = System.nanoTime();
        if (this.store.release(id)) {
            this.storeNanos.add(System.nanoTime() - start);
            this.storedUnits.increment();
        }
    }

    /** @return the units of work (a message, a timer, an expiry) whose application session was written back, since start */
    public long storedUnits() {
        return this.storedUnits.sum();
    }

    /** @return the times a message found its application session held by another node for longer than the store waits (it is tried again) */
    public long heldElsewhere() {
        return this.heldElsewhere.sum();
    }

    /** @return the time spent writing them back, in nanoseconds */
    public long storeNanos() {
        return this.storeNanos.sum();
    }

    /** @return the deployment's application sessions as its store holds them, for an operator's view ({@link SipSessionStore#sessions}) */
    public List<StoredSession> storedSessions() {
        return this.store.sessions();
    }

    /** @return the nodes that share the deployment's sessions, empty if not clustered ({@link SipSessionStore#members}) */
    public List<String> members() {
        return this.store.members();
    }

    /** @return the application sessions this node took over from a node that left the cluster ({@link SipSessionStore#sessionsTakenOver}) */
    public long sessionsTakenOver() {
        return this.store.sessionsTakenOver();
    }

    /** @return the id of the application session a request's transaction is bound to, or {@code null} ({@link SipSessionStore#bound}) */
    public String bound(String transactionKey) {
        return this.store.bound(transactionKey);
    }

    /**
     * Finds an application session, here or, for a distributable application, where another node left it.
     * @param id the id
     * @return the session, or {@code null} if there is none or it is no longer valid
     */
    public SipApplicationSessionImpl find(String id) {
        ApplicationSessionData data;
        try {
            data = this.store.find(id);
        } catch (SessionUnavailableException e) {
            this.heldElsewhere.increment();
            throw e;
        }
        this.releaseWhenTaskEnds(id);
        if (data == null || !data.isValid()) {
            this.sessions.remove(id);
            this.callsInProgress.remove(id); // ended elsewhere, perhaps on another node
            return null;
        }
        SipApplicationSessionImpl session = this.sessions.computeIfAbsent(id, key -> new SipApplicationSessionImpl(data, this));
        if (session.data() != data) {
            session.bind(data);
        }
        if (data.activated()) {
            data.setActivated(false);
            session.activate();
        }
        if (!this.expirations.containsKey(id)) {
            this.schedule(session); // taken over from another node
        }
        return session;
    }

    /**
     * Ends a message's work on a session: invalidates it if it asked to be invalidated when ready and is,
     * else writes its changes to the store.
     * @param session the session the message used
     */
    public void commit(SipApplicationSessionImpl session) {
        if (session.isValid()) {
            session.invalidateReadySipSessions();
        }
        if (session.isValid() && session.getInvalidateWhenReady() && session.isReadyToInvalidate()) {
            session.context().listeners().applicationSession(listener -> listener.sessionReadyToInvalidate(new javax.servlet.sip.SipApplicationSessionEvent(session)));
            if (session.isValid() && session.getInvalidateWhenReady() && session.isReadyToInvalidate()) {
                session.invalidate();
                return;
            }
        }
        if (session.isValid()) {
            this.trackCall(session);
            if (!this.armsTimersLocally()) {
                session.passivate(); // a distributed store writes it for the other nodes
            }
            this.store.commit(session.data());
        }
    }

    /** Counts a session among the calls in progress, or no longer, as it stands at the end of a unit of work on it. */
    private void trackCall(SipApplicationSessionImpl session) {
        if (session.hasCallInProgress()) {
            this.callsInProgress.add(session.getId());
        } else {
            this.callsInProgress.remove(session.getId());
        }
    }

    /**
     * @return the application sessions of this deployment with a call in progress on this node ({@link
     *         SipApplicationSessionImpl#hasCallInProgress()}), as each was when a message's work on it last ended here
     */
    public int callsInProgress() {
        return this.callsInProgress.size();
    }

    @Override
    public Object httpSession(String id) {
        return this.services.httpSession(id);
    }

    @Override
    public void changed(SipApplicationSessionImpl session) {
        if (UnitOfWork.current() == null && session.isValid()) {
            this.trackCall(session); // the application's own thread, outside any message: its session is its own now
            this.store.commit(session.data());
        }
    }

    /**
     * Whether a 2xx this node sent still waits for its ACK, as far as the store knows: the ACK may have reached another
     * node (the balancer sent the INVITE to this node because the node the call hashes to refused it), which wrote it
     * in the dialog's data.
     * @return {@code false} if the data says the ACK came; {@code true} if it does not, or the store cannot tell
     */
    public boolean awaitsAck(String applicationSessionId, String sipSessionId, long sequence) {
        ApplicationSessionData data = this.store.peek(applicationSessionId);
        if (data == null) {
            return true;
        }
        SipSessionData session = data.sipSessions().get(sipSessionId);
        return session != null && session.dialog() != null && session.dialog().awaitedAck() == sequence;
    }

    /** @return the valid SIP sessions of the application sessions this node has in use */
    public int sipSessionCount() {
        int count = 0;
        for (SipApplicationSessionImpl session : this.sessions.values()) {
            if (session.isValid()) {
                count += (int) session.data().sipSessions().values().stream().filter(SipSessionData::isValid).count();
            }
        }
        return count;
    }

    /** @return the number of application sessions of this deployment held on this node */
    public int size() {
        return this.store.size();
    }

    @Override
    public void close() {
        this.expirations.values().forEach(future -> future.cancel(false));
        this.expirations.clear();
        this.sessions.clear();
        this.callsInProgress.clear();
    }

    @Override
    public String applicationName() {
        return this.applicationName;
    }

    @Override
    public ServletContext servletContext() {
        return this.services.servletContext();
    }

    @Override
    public SessionListeners listeners() {
        return this.services.listeners();
    }

    @Override
    public long now() {
        return this.clock.millis();
    }

    @Override
    public Address readOnlyAddress(String address) {
        return this.services.readOnlyAddress(address);
    }

    @Override
    public SipServletRequest createRequest(SipSessionImpl session, String method) {
        return this.services.createRequest(session, method);
    }

    @Override
    public boolean isOutboundInterface(java.net.InetSocketAddress address) {
        return this.services.isOutboundInterface(address);
    }

    @Override
    public void checkHandler(String name) throws ServletException {
        this.services.checkHandler(name);
    }

    @Override
    public SipServletRequest takeOverInvite(SipSessionImpl session, byte[] invite, boolean received) {
        return this.services.takeOverInvite(session, invite, received);
    }

    @Override
    public Object takeOverSuccess(SipSessionImpl session, byte[] success) {
        return this.services.takeOverSuccess(session, success);
    }

    @Override
    public Object toStored(Object value) {
        return this.services.toStored(value);
    }

    @Override
    public Object fromStored(SipApplicationSessionImpl applicationSession, StoredRequest stored) {
        return this.services.fromStored(applicationSession, stored);
    }

    @Override
    public Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
        return this.services.timers(session);
    }

    @Override
    public void fireTimer(SipApplicationSessionImpl session, String timerId) {
        this.services.fireTimer(session, timerId);
    }

    @Override
    public void expirationChanged(SipApplicationSessionImpl session) {
        this.schedule(session);
    }

    @Override
    public void checkAttribute(String name, Object value) {
        this.store.checkAttribute(name, value);
    }

    @Override
    public boolean armsTimersLocally() {
        return !this.store.schedules();
    }

    @Override
    public void destroyed(SipApplicationSessionImpl session) {
        String id = session.getId();
        ScheduledFuture<?> expiration = this.expirations.remove(id);
        if (expiration != null) {
            expiration.cancel(false);
        }
        this.sessions.remove(id);
        this.callsInProgress.remove(id);
        this.store.remove(id);
    }

    private void schedule(SipApplicationSessionImpl session) {
        if (this.store.schedules()) {
            return; // the store arms the due time of what it writes
        }
        String id = session.getId();
        long expiration = session.data().expirationTime();
        ScheduledFuture<?> previous;
        if (expiration == 0) {
            previous = this.expirations.remove(id);
        } else {
            long delay = Math.max(0, expiration - this.now());
            previous = this.expirations.put(id, this.scheduler.schedule(() -> this.executor.execute(id, () -> this.expire(id)), delay, TimeUnit.MILLISECONDS));
        }
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void expire(String id) {
        this.expirations.remove(id);
        SipApplicationSessionImpl session = this.find(id);
        if (session == null) {
            return;
        }
        long expiration = session.data().expirationTime();
        if (expiration == 0 || expiration > this.now()) {
            this.schedule(session); // extended meanwhile, perhaps on another node
            return;
        }
        this.expireNow(session);
    }

    private void expireNow(SipApplicationSessionImpl session) {
        try {
            this.services.inScope(() -> {
                if (session.expire()) {
                    session.invalidate();
                } else {
                    this.commit(session);
                    this.schedule(session);
                }
            });
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Expiry of application session " + session.getId() + " of " + this.applicationName + " failed", e);
        }
    }

    /** The store says work of a session is due: fire its due timers, then expire it if it expired; under its key. */
    private void due(String id) {
        SipApplicationSessionImpl session = this.find(id);
        if (session == null) {
            return;
        }
        long now = this.now();
        for (TimerData timer : List.copyOf(session.data().timers().values())) {
            if (timer.nextExecution() <= now && session.isValid()) {
                try {
                    this.services.fireTimer(session, timer.id());
                } catch (RuntimeException e) {
                    LOGGER.log(Level.ERROR, "Timer " + timer.id() + " of application session " + id + " of " + this.applicationName + " failed", e);
                }
            }
        }
        if (!session.isValid()) {
            return;
        }
        for (SipSessionData data : List.copyOf(session.data().sipSessions().values())) {
            // a 2xx whose node died before its ACK came or its wait ran out: the dialog ends here
            long overdue = (data.isValid() && data.dialog() != null) ? data.dialog().ackOverdueAt() : 0;
            if (overdue != 0 && overdue <= now && session.getSipSession(data.id()) instanceof SipSessionImpl overdueSession) {
                try {
                    this.services.ackOverdue(overdueSession);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.ERROR, "Ending the unacknowledged dialog of SIP session " + data.id() + " of " + this.applicationName + " failed", e);
                }
            }
        }
        if (!session.isValid()) {
            return;
        }
        long expiration = session.data().expirationTime();
        if (expiration != 0 && expiration <= this.now()) {
            this.expireNow(session);
        } else {
            this.commit(session);
        }
    }
}
