package org.wildfly.extras.sip.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;

/**
 * The node-local side of sessions: one object per session, commit per message, invalidate-when-ready, expiry on time.
 */
class SipSessionManagerTestCase {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SerialExecutor executor = new SerialExecutor(Executors.newFixedThreadPool(2));
    private final InMemorySipSessionStore store = new InMemorySipSessionStore("app");
    private final SessionListeners listeners = new SessionListeners();
    private final SipSessionManager manager = new SipSessionManager("app", this.store, new StubSessionServices(this.listeners),
            this.scheduler, this.executor, Clock.systemUTC(), 3);

    @AfterEach
    void stop() {
        this.manager.close();
        this.scheduler.shutdownNow();
    }

    @Test
    void oneObjectPerSessionAndDefaultTimeout() {
        long before = System.currentTimeMillis();
        SipApplicationSessionImpl session = this.manager.create(SessionKeys.newApplicationSessionId());
        assertSame(session, this.manager.find(session.getId()));
        long expiration = session.getExpirationTime();
        assertTrue(expiration >= before + 180_000 && expiration <= System.currentTimeMillis() + 180_000, "three minutes from now");
        assertNull(this.manager.find("no-such-session"));
    }

    @Test
    void commitInvalidatesWhatIsReadyAndAskedTo() {
        AtomicInteger ready = new AtomicInteger();
        this.listeners.add(new ExpiryListener(null) {
            @Override
            public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
                ready.incrementAndGet();
            }
        });
        SipApplicationSessionImpl session = this.manager.create(SessionKeys.newApplicationSessionId());
        SipSessionImpl sip = session.createSipSession(new SipSessionData(SessionKeys.newSipSessionId(), System.currentTimeMillis(), "c", "<sip:a@x>", "<sip:b@y>"));
        sip.data().setState(SipSessionData.State.CONFIRMED);
        this.manager.commit(session);
        assertTrue(session.isValid(), "a call in progress is not ready");
        assertEquals(1, this.store.size());
        sip.data().setState(SipSessionData.State.TERMINATED);
        this.manager.commit(session);
        assertEquals(1, ready.get());
        assertFalse(session.isValid());
        assertEquals(0, this.store.size());
    }

    @Test
    void expiredSessionIsAnnouncedAndInvalidatedOnItsKey() throws Exception {
        CompletableFuture<String> expired = new CompletableFuture<>();
        CountDownLatch destroyed = new CountDownLatch(1);
        this.listeners.add(new ExpiryListener(expired) {
            @Override
            public void sessionDestroyed(SipApplicationSessionEvent event) {
                destroyed.countDown();
            }
        });
        SipApplicationSessionImpl session = this.manager.create(SessionKeys.newApplicationSessionId());
        session.data().setExpirationTime(System.currentTimeMillis() + 100);
        this.manager.expirationChanged(session);
        assertEquals(session.getId(), expired.get(5, TimeUnit.SECONDS));
        assertTrue(destroyed.await(5, TimeUnit.SECONDS));
        // sessionDestroyed comes while the session is being invalidated; the store forgets it right after
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (this.manager.find(session.getId()) != null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertNull(this.manager.find(session.getId()));
    }

    @Test
    void tagsCarryTheApplicationSessionId() {
        String id = SessionKeys.newApplicationSessionId();
        String tag = SessionKeys.newTag(id);
        assertEquals(id, SessionKeys.applicationSessionId(tag));
        assertNotEquals(tag, SessionKeys.newTag(id), "each dialog gets its own tag");
        assertNull(SessionKeys.applicationSessionId("1928301774"), "a peer's tag");
        assertNull(SessionKeys.applicationSessionId("AB-CD"), "not our alphabet");
    }

    private static class ExpiryListener implements SipApplicationSessionListener {
        private final CompletableFuture<String> expired;

        ExpiryListener(CompletableFuture<String> expired) {
            this.expired = expired;
        }

        @Override
        public void sessionCreated(SipApplicationSessionEvent event) {
        }

        @Override
        public void sessionDestroyed(SipApplicationSessionEvent event) {
        }

        @Override
        public void sessionExpired(SipApplicationSessionEvent event) {
            if (this.expired != null) {
                this.expired.complete(event.getApplicationSession().getId());
            }
        }

        @Override
        public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
        }
    }
}
