package org.wildfly.extras.sip.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.session.ApplicationSessionData;
import org.wildfly.extras.sip.container.session.SessionContext;
import org.wildfly.extras.sip.container.session.SessionListeners;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.StubSessionServices;

/** A timer's info travels with its session: a store that cannot hold it refuses it at createTimer, and nothing is armed. */
class TimerServiceImplTestCase {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        this.scheduler.shutdownNow();
    }

    @Test
    void infoTheStoreCannotHoldIsRefused() {
        TimerServiceImpl timers = new TimerServiceImpl(this.scheduler, new SerialExecutor(this.scheduler), Clock.systemUTC(), (session, timer) -> { });
        SipApplicationSessionImpl session = new SipApplicationSessionImpl(new ApplicationSessionData("as", "app", 0, 0), new RefusingContext());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> timers.createTimer(session, 1_000, false, new NotStorable()));
        assertTrue(refused.getMessage().contains(NotStorable.class.getName()), refused.getMessage());
        assertTrue(session.data().timers().isEmpty());
        assertEquals("ok", timers.createTimer(session, 60_000, false, "ok").getInfo());
    }

    /** Serializable, yet the test's store refuses it, as ProtoStream refuses a class without a marshaller. */
    private static final class NotStorable implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final class RefusingContext extends StubSessionServices implements SessionContext {
        RefusingContext() {
            super(new SessionListeners());
        }

        @Override
        public void checkAttribute(String name, Object value) {
            if (value instanceof NotStorable) {
                throw new IllegalArgumentException("Attribute " + name + " of class " + value.getClass().getName() + " cannot be stored");
            }
        }

        @Override
        public String applicationName() {
            return "app";
        }

        @Override
        public long now() {
            return System.currentTimeMillis();
        }

        @Override
        public void expirationChanged(SipApplicationSessionImpl session) {
        }

        @Override
        public void destroyed(SipApplicationSessionImpl session) {
        }
    }
}
