package org.wildfly.extras.sip.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionBindingListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Application sessions and SIP sessions as JSR 289 §6 describes them: attributes, listeners, invalidation, expiry.
 */
class SessionsTestCase {

    private final List<String> events = new ArrayList<>();
    private final InMemorySipSessionStore store = new InMemorySipSessionStore("app");
    private final List<String> destroyed = new ArrayList<>();
    private long now = 1_000_000;
    private SessionListeners listeners;
    private SessionContext context;

    @BeforeEach
    void setUp() {
        this.listeners = new SessionListeners();
        this.listeners.add(new RecordingListener());
        this.context = new SessionContext() {
            @Override
            public String applicationName() {
                return "app";
            }

            @Override
            public ServletContext servletContext() {
                return null;
            }

            @Override
            public SessionListeners listeners() {
                return SessionsTestCase.this.listeners;
            }

            @Override
            public long now() {
                return SessionsTestCase.this.now;
            }

            @Override
            public Address readOnlyAddress(String address) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SipServletRequest createRequest(SipSessionImpl session, String method) {
                SessionsTestCase.this.events.add("createRequest " + method);
                return null;
            }

            @Override
            public void checkHandler(String name) throws ServletException {
                if (!name.equals("known")) {
                    throw new ServletException("No servlet " + name);
                }
            }

            @Override
            public Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
                return List.of();
            }

            @Override
            public void expirationChanged(SipApplicationSessionImpl session) {
                SessionsTestCase.this.events.add("expiration " + session.getExpirationTime());
            }

            @Override
            public void destroyed(SipApplicationSessionImpl session) {
                SessionsTestCase.this.destroyed.add(session.getId());
                SessionsTestCase.this.store.remove(session.getId());
            }
        };
    }

    private SipApplicationSessionImpl newApplicationSession(String id) {
        SipApplicationSessionImpl session = new SipApplicationSessionImpl(this.store.create(id, this.now, this.now + 180_000), this.context);
        session.announceCreation();
        return session;
    }

    @Test
    void attributesNotifyListenersAndBoundValues() {
        SipApplicationSessionImpl session = this.newApplicationSession("as1");
        Bound value = new Bound("v1");
        session.setAttribute("a", value);
        session.setAttribute("a", "plain");
        session.removeAttribute("a");
        session.removeAttribute("never-set");
        assertEquals(List.of("created as1", "bound v1", "added a", "unbound v1", "replaced a", "removed a"), this.events);
        assertNull(session.getAttribute("a"));
        assertThrows(NullPointerException.class, () -> session.setAttribute("a", null));
    }

    @Test
    void invalidationDestroysSipSessionsThenTheApplicationSession() {
        SipApplicationSessionImpl session = this.newApplicationSession("as2");
        SipSessionImpl sip = session.createSipSession(new SipSessionData("ss1", this.now, "call-1", "<sip:a@x>", "<sip:b@y>"));
        sip.setAttribute("s", "x");
        session.setAttribute("a", "y");
        this.events.clear();
        session.invalidate();
        assertEquals(List.of("sip removed s", "sip destroyed ss1", "removed a", "destroyed as2"), this.events);
        assertFalse(session.isValid());
        assertFalse(sip.isValid());
        assertThrows(IllegalStateException.class, () -> session.getAttribute("a"));
        assertThrows(IllegalStateException.class, () -> sip.getAttribute("s"));
        assertThrows(IllegalStateException.class, session::invalidate);
        assertEquals(List.of("as2"), this.destroyed);
        assertNull(this.store.find("as2"));
    }

    @Test
    void expiryCanBeExtendedByTheListener() {
        SipApplicationSessionImpl session = this.newApplicationSession("as3");
        assertEquals(this.now + 180_000, session.getExpirationTime());
        this.now += 180_000;
        this.extendOnExpiry = true;
        assertFalse(session.expire(), "the listener extended it");
        assertEquals(Long.MIN_VALUE, this.expirationSeenOnExpiry, "an expired session's expiration time, as its listener sees it");
        assertEquals(this.now + 5 * 60_000, session.getExpirationTime());
        this.now += 5 * 60_000;
        this.extendOnExpiry = false;
        assertTrue(session.expire(), "nobody extended it");
        assertEquals(Integer.MAX_VALUE, session.setExpires(0), "0 or less asks for no end, granted");
        assertEquals(0, session.getExpirationTime(), "never expires");
    }

    private boolean extendOnExpiry;
    private long expirationSeenOnExpiry;

    @Test
    void readinessFollowsTheDialogAndTransactions() {
        SipApplicationSessionImpl session = this.newApplicationSession("as4");
        SipSessionImpl sip = session.createSipSession(new SipSessionData("ss4", this.now, "call-4", "<sip:a@x>", "<sip:b@y>"));
        assertFalse(sip.isReadyToInvalidate(), "made and not used yet: its first request may still come");
        sip.transactionStarted();
        assertFalse(sip.isReadyToInvalidate());
        assertFalse(session.isReadyToInvalidate());
        sip.transactionEnded();
        assertTrue(sip.isReadyToInvalidate(), "INITIAL with nothing in progress: a MESSAGE answered, an INVITE refused");
        sip.data().setState(SipSessionData.State.CONFIRMED);
        assertFalse(sip.isReadyToInvalidate(), "a confirmed dialog is not done");
        sip.data().setState(SipSessionData.State.TERMINATED);
        assertTrue(sip.isReadyToInvalidate());
        assertTrue(session.isReadyToInvalidate());
        assertEquals(SipSession.State.TERMINATED, sip.getState());
    }

    @Test
    void ackAndCancelAreNotCreatedFromTheSession() throws ServletException {
        SipApplicationSessionImpl session = this.newApplicationSession("as5");
        SipSessionImpl sip = session.createSipSession(new SipSessionData("ss5", this.now, "call-5", "<sip:a@x>", "<sip:b@y>"));
        assertThrows(IllegalArgumentException.class, () -> sip.createRequest("ACK"));
        assertThrows(IllegalArgumentException.class, () -> sip.createRequest("CANCEL"));
        sip.createRequest("INFO");
        assertTrue(this.events.contains("createRequest INFO"));
        sip.data().setState(SipSessionData.State.TERMINATED);
        assertThrows(IllegalStateException.class, () -> sip.createRequest("INFO"));
        assertThrows(ServletException.class, () -> sip.setHandler("unknown"));
        sip.setHandler("known");
        assertEquals("known", sip.data().handler());
    }

    @Test
    void rebindingKeepsTheObjectsApplicationsHold() {
        SipApplicationSessionImpl session = this.newApplicationSession("as6");
        SipSessionImpl sip = session.createSipSession(new SipSessionData("ss6", this.now, "call-6", "<sip:a@x>", "<sip:b@y>"));
        ApplicationSessionData replicated = new ApplicationSessionData("as6", "app", this.now, 0);
        SipSessionData replicatedSip = new SipSessionData("ss6", this.now, "call-6", "<sip:a@x>", "<sip:b@y>");
        replicatedSip.attributes().put("count", 7);
        replicated.sipSessions().put("ss6", replicatedSip);
        session.bind(replicated);
        assertSame(sip, session.getSipSession("ss6"));
        assertEquals(7, sip.getAttribute("count"));
        assertEquals("sipappsessionid", SipApplicationSessionImpl.ENCODED_ID_PARAMETER);
    }

    @Test
    void storeRefusesADuplicateId() {
        this.store.create("dup", this.now, 0);
        assertThrows(IllegalStateException.class, () -> this.store.create("dup", this.now, 0));
        assertEquals(1, this.store.size());
    }

    private final class RecordingListener implements SipApplicationSessionListener, SipApplicationSessionAttributeListener, SipSessionListener, SipSessionAttributeListener {
        @Override
        public void sessionCreated(SipApplicationSessionEvent event) {
            SessionsTestCase.this.events.add("created " + event.getApplicationSession().getId());
        }

        @Override
        public void sessionDestroyed(SipApplicationSessionEvent event) {
            SessionsTestCase.this.events.add("destroyed " + event.getApplicationSession().getId());
        }

        @Override
        public void sessionExpired(SipApplicationSessionEvent event) {
            if (SessionsTestCase.this.extendOnExpiry) {
                SessionsTestCase.this.expirationSeenOnExpiry = event.getApplicationSession().getExpirationTime();
                event.getApplicationSession().setExpires(5);
            }
        }

        @Override
        public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
        }

        @Override
        public void attributeAdded(SipApplicationSessionBindingEvent event) {
            SessionsTestCase.this.events.add("added " + event.getName());
        }

        @Override
        public void attributeRemoved(SipApplicationSessionBindingEvent event) {
            SessionsTestCase.this.events.add("removed " + event.getName());
        }

        @Override
        public void attributeReplaced(SipApplicationSessionBindingEvent event) {
            SessionsTestCase.this.events.add("replaced " + event.getName());
        }

        @Override
        public void sessionCreated(SipSessionEvent event) {
            SessionsTestCase.this.events.add("sip created " + event.getSession().getId());
        }

        @Override
        public void sessionDestroyed(SipSessionEvent event) {
            SessionsTestCase.this.events.add("sip destroyed " + event.getSession().getId());
        }

        @Override
        public void sessionReadyToInvalidate(SipSessionEvent event) {
        }

        @Override
        public void attributeAdded(SipSessionBindingEvent event) {
            SessionsTestCase.this.events.add("sip added " + event.getName());
        }

        @Override
        public void attributeRemoved(SipSessionBindingEvent event) {
            SessionsTestCase.this.events.add("sip removed " + event.getName());
        }

        @Override
        public void attributeReplaced(SipSessionBindingEvent event) {
            SessionsTestCase.this.events.add("sip replaced " + event.getName());
        }
    }

    private final class Bound implements SipApplicationSessionBindingListener {
        private final String name;

        Bound(String name) {
            this.name = name;
        }

        @Override
        public void valueBound(SipApplicationSessionBindingEvent event) {
            SessionsTestCase.this.events.add("bound " + this.name);
        }

        @Override
        public void valueUnbound(SipApplicationSessionBindingEvent event) {
            SessionsTestCase.this.events.add("unbound " + this.name);
        }
    }
}
