package org.wildfly.extras.sip.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;

/** What the session manager asks of a store beyond the in-memory one: units of work, attribute checks, activation, scheduling. */
class SessionStoreSpiTestCase {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SerialExecutor executor = new SerialExecutor(Executors.newFixedThreadPool(2));
    private final SessionListeners listeners = new SessionListeners();
    private final List<String> fired = Collections.synchronizedList(new ArrayList<>());
    private final RecordingStore store = new RecordingStore();

    @AfterEach
    void stop() {
        this.scheduler.shutdownNow();
    }

    @Test
    void unitOfWorkEndsWithTheTask() throws Exception {
        SipSessionManager manager = this.manager(this.store);
        String id = SessionKeys.newApplicationSessionId();
        CompletableFuture<List<String>> during = new CompletableFuture<>();
        this.executor.execute(id, () -> {
            manager.create(id);
            manager.find(id);
            during.complete(List.copyOf(this.store.released));
        });
        assertEquals(List.of(), during.get(5, TimeUnit.SECONDS), "nothing released while the task runs");
        CompletableFuture<List<String>> after = new CompletableFuture<>();
        this.executor.execute(id, () -> after.complete(List.copyOf(this.store.released)));
        assertTrue(after.get(5, TimeUnit.SECONDS).contains(id));
        this.store.released.clear();
        manager.find(id); // outside a task: released at once
        assertEquals(List.of(id), this.store.released);
    }

    @Test
    void refusedAttributeIsNotStored() {
        SipSessionManager manager = this.manager(this.store);
        SipApplicationSessionImpl session = manager.create(SessionKeys.newApplicationSessionId());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> session.setAttribute("socket", new Object()));
        assertTrue(refused.getMessage().contains("socket") && refused.getMessage().contains("java.lang.Object"), refused.getMessage());
        assertNull(session.getAttribute("socket"));
        SipSessionImpl sip = session.createSipSession(new SipSessionData(SessionKeys.newSipSessionId(), 0, "c", "<sip:a@x>", "<sip:b@y>"));
        assertThrows(IllegalArgumentException.class, () -> sip.setAttribute("thing", new Object()));
        session.setAttribute("name", "value");
        assertEquals("value", session.getAttribute("name"));
    }

    @Test
    void dataFromAnotherNodeActivatesOnce() {
        List<String> activated = new ArrayList<>();
        this.listeners.add(new SipApplicationSessionActivationListener() {
            @Override
            public void sessionWillPassivate(SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionDidActivate(SipApplicationSessionEvent event) {
                activated.add(event.getApplicationSession().getId());
            }
        });
        SipSessionManager manager = this.manager(this.store);
        SipApplicationSessionImpl session = manager.create(SessionKeys.newApplicationSessionId());
        session.data().setActivated(true);
        manager.find(session.getId());
        manager.find(session.getId());
        assertEquals(List.of(session.getId()), activated);
    }

    @Test
    void schedulingStoreGetsTheDueWork() throws Exception {
        this.store.schedules = true;
        SipSessionManager manager = this.manager(this.store);
        String id = SessionKeys.newApplicationSessionId();
        CompletableFuture<SipApplicationSessionImpl> created = new CompletableFuture<>();
        this.executor.execute(id, () -> {
            SipApplicationSessionImpl session = manager.create(id);
            assertFalse(session.armsTimersLocally());
            session.setInvalidateWhenReady(false); // this test's services report no running timers
            session.data().timers().put("t1", new TimerData("t1", "info", System.currentTimeMillis() - 1, 0, false));
            session.data().timers().put("t2", new TimerData("t2", "later", System.currentTimeMillis() + 60_000, 0, false));
            session.data().setExpirationTime(System.currentTimeMillis() - 1);
            manager.commit(session);
            created.complete(session);
        });
        created.get(5, TimeUnit.SECONDS);
        this.store.handler.due(id);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (this.store.find(id) != null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("t1"), this.fired, "only the due timer fired");
        assertNull(this.store.find(id), "expired, then removed");
    }

    private SipSessionManager manager(SipSessionStore store) {
        return new SipSessionManager("app", store, new StubSessionServices(this.listeners) {
            @Override
            public void fireTimer(SipApplicationSessionImpl session, String timerId) {
                SessionStoreSpiTestCase.this.fired.add(timerId);
                session.data().timers().remove(timerId);
            }
        }, this.scheduler, this.executor, Clock.systemUTC(), 3);
    }

    /** The in-memory store, plus a refusal of plain objects, a record of releases and an optional scheduler. */
    private static final class RecordingStore implements SipSessionStore {
        private final InMemorySipSessionStore delegate = new InMemorySipSessionStore("app");
        final List<String> released = Collections.synchronizedList(new ArrayList<>());
        volatile boolean schedules;
        volatile DueHandler handler;

        @Override
        public ApplicationSessionData create(String id, long creationTime, long expirationTime) {
            return this.delegate.create(id, creationTime, expirationTime);
        }

        @Override
        public ApplicationSessionData find(String id) {
            return this.delegate.find(id);
        }

        @Override
        public void commit(ApplicationSessionData data) {
        }

        @Override
        public void remove(String id) {
            this.delegate.remove(id);
        }

        @Override
        public boolean release(String id) {
            this.released.add(id);
            return false;
        }

        @Override
        public void checkAttribute(String name, Object value) {
            if (value.getClass() == Object.class) {
                throw new IllegalArgumentException("Attribute " + name + " cannot be stored: " + value.getClass().getName());
            }
        }

        @Override
        public boolean schedules() {
            return this.schedules;
        }

        @Override
        public void start(DueHandler handler) {
            this.handler = handler;
        }

        @Override
        public int size() {
            return this.delegate.size();
        }

        @Override
        public java.util.List<StoredSession> sessions() {
            return this.delegate.sessions();
        }

        @Override
        public void close() {
        }
    }
}
