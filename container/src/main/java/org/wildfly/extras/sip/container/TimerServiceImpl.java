package org.wildfly.extras.sip.container;

import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerService;

import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.TimerData;

/**
 * The {@link TimerService} of one application (servlet context attribute {@code javax.servlet.sip.TimerService}).
 * A timer is data in its application session; this node arms it (unless the session store schedules timers, on the
 * session's owner), and fires it on the session's key, one message or timer at a time, calling the application's
 * {@code TimerListener}s.
 */
final class TimerServiceImpl implements TimerService {

    private static final System.Logger LOGGER = System.getLogger(TimerServiceImpl.class.getName());

    /** Runs a fired timer of an application session, under its key, and commits the session. */
    interface Firing {
        void fire(String applicationSessionId, String timerId);
    }

    private final ScheduledExecutorService scheduler;
    private final SerialExecutor executor;
    private final Clock clock;
    private final Firing firing;
    private final Map<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

    TimerServiceImpl(ScheduledExecutorService scheduler, SerialExecutor executor, Clock clock, Firing firing) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.firing = firing;
    }

    @Override
    public ServletTimer createTimer(SipApplicationSession session, long delay, boolean persistent, Serializable info) {
        return this.create(session, delay, 0, false, info);
    }

    @Override
    public ServletTimer createTimer(SipApplicationSession session, long delay, long period, boolean fixedDelay, boolean persistent, Serializable info) {
        if (period <= 0) {
            throw new IllegalArgumentException("A repeating timer needs a period above 0 ms, not " + period);
        }
        return this.create(session, delay, period, fixedDelay, info);
    }

    private ServletTimer create(SipApplicationSession session, long delay, long period, boolean fixedDelay, Serializable info) {
        if (!(session instanceof SipApplicationSessionImpl applicationSession) || !session.isValid()) {
            throw new IllegalStateException("Timers are created in a valid application session of this container");
        }
        if (delay < 0) {
            throw new IllegalArgumentException("A timer's delay cannot be negative: " + delay);
        }
        if (info != null) {
            applicationSession.checkStorable("info of a ServletTimer", info); // it travels with the session
        }
        TimerData timer = new TimerData(SessionKeys.newSipSessionId(), info, this.clock.millis() + delay, period, fixedDelay);
        applicationSession.putTimer(timer);
        if (applicationSession.armsTimersLocally()) {
            this.arm(applicationSession.getId(), timer);
        }
        return new Timer(applicationSession, timer.id());
    }

    /** Arms the timers of a session this node has just taken over, or re-arms one after it fired. */
    void arm(String applicationSessionId, TimerData timer) {
        String key = applicationSessionId + '/' + timer.id();
        long delay = Math.max(0, timer.nextExecution() - this.clock.millis());
        ScheduledFuture<?> previous = this.armed.put(key, this.scheduler.schedule(() -> this.executor.execute(applicationSessionId, () -> {
            this.armed.remove(key);
            this.firing.fire(applicationSessionId, timer.id());
        }), delay, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** @return whether this node has the timer armed */
    boolean isArmed(String applicationSessionId, String timerId) {
        return this.armed.containsKey(applicationSessionId + '/' + timerId);
    }

    /**
     * Fires a timer: calls the listeners, then re-arms a repeating one or forgets a one-shot one.
     * @param session the application session, under its key
     * @param timerId the timer
     * @param listeners calls the application's TimerListeners
     */
    void fire(SipApplicationSessionImpl session, String timerId, Consumer<ServletTimer> listeners) {
        TimerData timer = session.data().timers().get(timerId);
        if (timer == null) {
            return; // cancelled meanwhile
        }
        long started = this.clock.millis();
        if (timer.period() == 0) {
            session.removeTimer(timerId);
        }
        try {
            listeners.accept(new Timer(session, timerId, timer));
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Timer " + timerId + " of application session " + session.getId() + " failed", e);
        }
        TimerData current = session.data().timers().get(timerId);
        if (current != null && current.period() > 0 && session.isValid()) {
            long next = current.fixedDelay() ? this.clock.millis() + current.period() : current.nextExecution() + current.period();
            TimerData rearmed = new TimerData(current.id(), current.info(), Math.max(next, started), current.period(), current.fixedDelay());
            session.putTimer(rearmed);
            if (session.armsTimersLocally()) {
                this.arm(session.getId(), rearmed);
            }
        }
    }

    /** @return the running timers of a session, as the application sees them */
    Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
        List<ServletTimer> timers = new ArrayList<>();
        for (String id : session.data().timers().keySet()) {
            timers.add(new Timer(session, id));
        }
        return timers;
    }

    /** Disarms every timer of a session that ended. */
    void disarm(String applicationSessionId) {
        this.armed.entrySet().removeIf(entry -> {
            if (entry.getKey().startsWith(applicationSessionId + '/')) {
                entry.getValue().cancel(false);
                return true;
            }
            return false;
        });
    }

    /** A timer as the application holds it: its data is read from the session each time. */
    private final class Timer implements ServletTimer {
        private final SipApplicationSessionImpl session;
        private final String id;
        private final TimerData firing;

        Timer(SipApplicationSessionImpl session, String id) {
            this(session, id, null);
        }

        Timer(SipApplicationSessionImpl session, String id, TimerData firing) {
            this.session = session;
            this.id = id;
            this.firing = firing;
        }

        private TimerData data() {
            TimerData data = this.session.data().timers().get(this.id);
            return (data != null) ? data : this.firing;
        }

        @Override
        public String getId() {
            return this.id;
        }

        @Override
        public SipApplicationSession getApplicationSession() {
            return this.session;
        }

        @Override
        public Serializable getInfo() {
            TimerData data = this.data();
            return (data != null) ? data.info() : null;
        }

        @Override
        public long scheduledExecutionTime() {
            TimerData data = this.data();
            return (data != null) ? data.nextExecution() : 0;
        }

        @Override
        public void cancel() {
            this.session.removeTimer(this.id);
            ScheduledFuture<?> future = TimerServiceImpl.this.armed.remove(this.session.getId() + '/' + this.id);
            if (future != null) {
                future.cancel(false);
            }
        }

        @Override
        public long getTimeRemaining() {
            TimerData data = this.session.data().timers().get(this.id);
            return (data != null) ? Math.max(0, data.nextExecution() - TimerServiceImpl.this.clock.millis()) : 0;
        }

        @Override
        public boolean equals(Object object) {
            return object instanceof Timer other && this.id.equals(other.id) && this.session.equals(other.session);
        }

        @Override
        public int hashCode() {
            return this.id.hashCode();
        }

        @Override
        public String toString() {
            return "ServletTimer " + this.id + " of " + this.session.getId();
        }
    }
}
