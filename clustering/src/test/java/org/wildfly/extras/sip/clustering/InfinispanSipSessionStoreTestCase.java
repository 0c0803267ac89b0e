package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipURI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SessionUnavailableException;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.session.TimerData;

/**
 * A call set up on node A is continued on node B, for each granularity and marshaller: two cache managers in this JVM
 * over a loopback JGroups stack.
 */
class InfinispanSipSessionStoreTestCase {

    private static final List<String> ROUTES = List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr;transport=tcp>");

    private static ClusterNode memberA;
    private static ClusterNode memberB;
    private final List<SipNode> nodes = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        memberA = new ClusterNode("A");
        memberB = new ClusterNode("B");
        memberA.cache();
        memberB.cache();
    }

    @AfterAll
    static void stopCluster() {
        memberB.close();
        memberA.close();
    }

    @AfterEach
    void closeNodes() {
        this.nodes.forEach(SipNode::close);
    }

    static Stream<Arguments> combinations() {
        return Stream.of(SessionGranularity.values()).flatMap(granularity -> Stream.of(SessionMarshaller.values()).map(marshaller -> Arguments.of(granularity, marshaller)));
    }

    private SipNode node(String name, ClusterNode member, SessionGranularity granularity, SessionMarshaller marshaller) {
        SipNode node = new SipNode(name, member, granularity, marshaller);
        this.nodes.add(node);
        return node;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void callSetUpOnAContinuesOnB(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        List<String> activated = new ArrayList<>();
        List<String> passivated = new ArrayList<>();
        a.listeners.add(new SipApplicationSessionActivationListener() {
            @Override
            public void sessionWillPassivate(SipApplicationSessionEvent event) {
                passivated.add(event.getApplicationSession().getId());
            }

            @Override
            public void sessionDidActivate(SipApplicationSessionEvent event) {
                activated.add("on A: " + event.getApplicationSession().getId());
            }
        });
        b.listeners.add(new SipApplicationSessionActivationListener() {
            @Override
            public void sessionWillPassivate(SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionDidActivate(SipApplicationSessionEvent event) {
                activated.add(event.getApplicationSession().getId());
            }
        });
        String id = SessionKeys.newApplicationSessionId();
        String[] sipIds = new String[2];
        long timerDue = System.currentTimeMillis() + 60_000;
        a.call(id, manager -> {
            SipApplicationSessionImpl session = manager.create(id);
            session.setAttribute("caller", address("\"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774"));
            session.setAttribute("target", uri("sip:bob@biloxi.example.com;transport=tcp"));
            session.setAttribute("count", 42);
            session.setAttribute("names", new ArrayList<>(List.of("x", "y")));
            session.data().httpSessionIds().add("http-1");
            session.data().timers().put("t1", new TimerData("t1", "reminder", timerDue, 0, false));
            // the UAS leg of a B2BUA, in a confirmed dialog
            SipSessionData uas = new SipSessionData(SessionKeys.newSipSessionId(), System.currentTimeMillis(), "call-1@atlanta", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>");
            uas.setDialog(new DialogState(DialogState.Role.UAS, "call-1@atlanta", SessionKeys.newTag(id), "1928301774", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>",
                    1, 314159, "sip:alice@192.0.2.4;transport=tcp", ROUTES, false, DialogState.State.CONFIRMED));
            uas.setState(SipSessionData.State.CONFIRMED);
            uas.setRole(SipSessionData.Role.USER_AGENT);
            uas.setRouting("TERMINATING", "sip:bob@biloxi.example.com");
            SipSessionImpl first = session.createSipSession(uas);
            first.setAttribute("leg", "in");
            // a record-routing proxy session in a confirmed dialog (else it is ready to invalidate, and goes at the
            // commit), unsupervised, linked for the test's sake
            SipSessionData proxy = new SipSessionData(SessionKeys.newSipSessionId(), System.currentTimeMillis() + 1, "call-2@atlanta", "<sip:carol@chicago.example.com>", "<sip:dave@denver.example.com>");
            proxy.setProxying(true, false);
            proxy.setState(SipSessionData.State.CONFIRMED);
            proxy.setLinkedSessionId(uas.id());
            session.createSipSession(proxy).setAttribute("hop", uri("sip:hop.example.com;lr"));
            manager.commit(session);
            sipIds[0] = uas.id();
            sipIds[1] = proxy.id();
            return null;
        });

        assertEquals(List.of(id), passivated, "A's commit passivates the session it writes for the other nodes");
        a.call(id, manager -> {
            assertTrue(manager.find(id).data().timers().containsKey("t1"));
            return null;
        });
        b.call(id, manager -> {
            SipApplicationSessionImpl session = manager.find(id);
            assertNotNull(session, "B reads the session A wrote");
            Address caller = (Address) session.getAttribute("caller");
            assertEquals(address("\"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774"), caller);
            assertEquals("Alice", caller.getDisplayName());
            SipURI target = assertInstanceOf(SipURI.class, session.getAttribute("target"));
            assertEquals("tcp", target.getTransportParam());
            assertEquals(42, session.getAttribute("count"));
            assertEquals(List.of("x", "y"), session.getAttribute("names"));
            assertEquals(List.of("http-1"), List.copyOf(session.data().httpSessionIds()));
            assertEquals(new TimerData("t1", "reminder", timerDue, 0, false), session.data().timers().get("t1"));
            assertEquals(List.of(sipIds[0], sipIds[1]), List.copyOf(session.data().sipSessions().keySet()), "SIP sessions in order of creation");

            SipSessionImpl uas = (SipSessionImpl) session.getSipSession(sipIds[0]);
            assertEquals("in", uas.getAttribute("leg"));
            assertEquals(javax.servlet.sip.SipSession.State.CONFIRMED, uas.getState());
            assertEquals(SipSessionData.Role.USER_AGENT, uas.data().role());
            assertEquals("TERMINATING", uas.data().routingRegion());
            assertEquals("tag=1928301774", uas.getRemoteParty().toString().replaceAll(".*;", ""));
            DialogState dialog = uas.data().dialog();
            assertEquals(314159, dialog.remoteSequence());
            assertEquals(ROUTES, dialog.routeSet());

            SipSessionImpl proxy = (SipSessionImpl) session.getSipSession(sipIds[1]);
            assertEquals(SipSessionData.Role.PROXY, proxy.data().role());
            assertTrue(proxy.data().recordRouted());
            assertFalse(proxy.data().supervised());
            assertEquals(sipIds[0], proxy.data().linkedSessionId());
            assertEquals("sip:hop.example.com;lr", proxy.getAttribute("hop").toString());

            // B goes on with the dialog: a BYE with the next CSeq and the route set
            uas.createRequest("BYE");
            assertEquals("2 BYE", b.lastRequest.headers().first(HeaderNames.CSEQ));
            assertEquals(ROUTES, b.lastRequest.headers().all(HeaderNames.ROUTE));
            assertEquals("sip:alice@192.0.2.4;transport=tcp", b.lastRequest.requestUri());
            session.setAttribute("count", 43);
            manager.commit(session);
            return null;
        });
        assertEquals(List.of(id), activated, "B activated the session once: A wrote it last");

        a.call(id, manager -> {
            SipApplicationSessionImpl session = manager.find(id);
            assertEquals(43, session.getAttribute("count"));
            assertEquals(2, session.data().sipSessions().get(sipIds[0]).dialog().localSequence(), "A sees the CSeq B used");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void concurrentMessagesAreSerialisedAcrossNodes(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> { });
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                a.call(id, manager -> {
                    SipApplicationSessionImpl session = manager.find(id);
                    locked.countDown();
                    sleep(700);
                    session.setAttribute("step", "A");
                    manager.commit(session);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        String seen = b.call(id, manager -> {
            SipApplicationSessionImpl session = manager.find(id);
            String step = (String) session.getAttribute("step");
            session.setAttribute("step", step + "B");
            manager.commit(session);
            return step;
        });
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        first.get(10, TimeUnit.SECONDS);
        assertEquals("A", seen, "B's message ran after A's, and saw its write");
        assertTrue(waitedMillis >= 400, "B waited for A's lock: " + waitedMillis + " ms");
        assertEquals("AB", a.call(id, manager -> manager.find(id).getAttribute("step")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void attributeThatCannotBeMarshalledIsRefused(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        a.call(id, manager -> {
            SipApplicationSessionImpl session = manager.create(id);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> session.setAttribute("lock", new Object()));
            assertTrue(refused.getMessage().contains("lock") && refused.getMessage().contains("java.lang.Object"), refused.getMessage());
            SipSessionImpl sip = session.createSipSession(new SipSessionData(SessionKeys.newSipSessionId(), 0, "c", "<sip:a@x>", "<sip:b@y>"));
            IllegalArgumentException refusedToo = assertThrows(IllegalArgumentException.class, () -> sip.setAttribute("thread", Thread.currentThread()));
            assertTrue(refusedToo.getMessage().contains("thread") && refusedToo.getMessage().contains("java.lang.Thread"), refusedToo.getMessage());
            assertNull(session.getAttribute("lock"));
            return null;
        });
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void removedOnAIsGoneOnB(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> session.setAttribute("x", "y"));
        assertNotNull(b.call(id, manager -> manager.find(id)));
        a.call(id, manager -> {
            manager.find(id).invalidate();
            return null;
        });
        assertNull(b.call(id, manager -> manager.find(id)));
        assertFalse(memberB.cache().containsKey(id));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void newCallIsOwnedByItsNodeAndFoundByItsTransactionOnTheOther(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String transaction = SessionKeys.forTransaction("call-" + granularity + marshaller + "@atlanta", "1928301774", 1, "z9hG4bK776asdhds/192.0.2.4:5060");
        int sessionsBefore = a.manager.size() + b.manager.size();
        String onA = a.manager.localId(transaction);
        String onB = b.manager.localId(transaction);
        assertTrue(isPrimaryOwner(memberA, onA), "A's id for a call it handles keeps its lock on A: " + onA);
        assertTrue(isPrimaryOwner(memberB, onB), "B's id for the same call keeps its lock on B: " + onB);
        assertEquals(onA, a.manager.localId(transaction), "the same id each time");
        assertEquals(onA, SessionKeys.applicationSessionId(SessionKeys.newTag(onA)), "a tag still carries the id");

        a.call(onA, manager -> {
            assertNull(manager.bind(transaction, onA));
            SipApplicationSessionImpl session = manager.create(onA);
            session.setInvalidateWhenReady(false);
            SipSessionData uas = new SipSessionData(SessionKeys.newSipSessionId(), 0, "call-1@atlanta", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>");
            uas.setReceivedInvite("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            session.createSipSession(uas);
            manager.commit(session);
            return null;
        });
        assertEquals(onA, b.manager.bound(transaction), "B finds the ringing call from its CANCEL's transaction");
        assertEquals(onA, b.call(onB, manager -> manager.bind(transaction, onB)), "the INVITE sent again to B was handled before, on A");
        assertFalse(memberB.cache().containsKey(onB), "B made no session of its own for it");

        a.call(onA, manager -> {
            SipApplicationSessionImpl session = manager.find(onA);
            session.data().sipSessions().values().forEach(leg -> leg.setReceivedInvite(null)); // answered finally
            manager.commit(session);
            return null;
        });
        assertEquals(onA, b.manager.bound(transaction), "an INVITE sent again after its answer is not a new call either");
        assertEquals(sessionsBefore + 1, a.manager.size() + b.manager.size(), "a binding is not counted as a session");
        a.call(onA, manager -> {
            manager.find(onA).invalidate();
            return null;
        });
        assertNull(b.manager.bound(transaction), "the binding goes with its session");

        String ringing = SessionKeys.forTransaction("call-2-" + granularity + marshaller + "@atlanta", "1928301775", 1, "z9hG4bK776asdhdt/192.0.2.4:5060");
        String ringingOnA = a.manager.localId(ringing);
        a.call(ringingOnA, manager -> {
            assertNull(manager.bind(ringing, ringingOnA));
            SipApplicationSessionImpl session = manager.create(ringingOnA);
            SipSessionData uas = new SipSessionData(SessionKeys.newSipSessionId(), 0, "call-2@atlanta", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>");
            uas.setReceivedInvite(new byte[] { 1 });
            session.createSipSession(uas);
            session.setInvalidateWhenReady(false);
            manager.commit(session);
            return null;
        });
        a.call(ringingOnA, manager -> {
            manager.find(ringingOnA).invalidate(); // ended while it rang
            return null;
        });
        assertNull(b.manager.bound(ringing), "the binding of a call that ended goes with it");
        assertFalse(memberB.cache().containsKey(InfinispanSipSessionStore.BINDING_KEY + ringing));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void changesOutsideAMessageAreWrittenAtOnce(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        // as an HTTP servlet would: no message, no unit of work around it
        SipApplicationSessionImpl created = a.manager.create(id);
        created.setInvalidateWhenReady(false);
        created.setAttribute("caller", "sip:alice@example.com");
        created.setAttribute("state", "calling");
        created.createSipSession(new SipSessionData("leg-1", 0, "call-1@example.com", "<sip:bob@example.com>", "<sip:alice@example.com>")).setAttribute("leg", "first");
        created.setAttribute("state", "ringing");
        SipApplicationSessionImpl read = b.call(id, manager -> manager.find(id));
        assertEquals("sip:alice@example.com", read.getAttribute("caller"));
        assertEquals("ringing", read.getAttribute("state"), "the last change, not the first");
        assertEquals("first", read.getSipSession("leg-1").getAttribute("leg"));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void timerFiresOnceInTheCluster(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> session.data().timers().put("once", new TimerData("once", "ring", System.currentTimeMillis() + 300, 0, false)));
        long deadline = System.currentTimeMillis() + 5_000;
        while (a.firedTimers.size() + b.firedTimers.size() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(700); // time for a second firing, which must not come
        List<String> fired = new ArrayList<>(a.firedTimers);
        fired.addAll(b.firedTimers);
        assertEquals(List.of("once:ring"), fired);
        SipNode owner = isPrimaryOwner(memberA, id) ? a : b;
        assertEquals(1, owner.firedTimers.size(), "it fired on the primary owner");
        assertFalse((boolean) b.call(id, manager -> manager.find(id).data().timers().containsKey("once")), "a one-shot timer is gone once fired");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void sessionExpiresOnceInTheCluster(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        List<String> expired = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> destroyed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (SipNode node : List.of(a, b)) {
            node.listeners.add(new javax.servlet.sip.SipApplicationSessionListener() {
                @Override
                public void sessionCreated(SipApplicationSessionEvent event) {
                }

                @Override
                public void sessionDestroyed(SipApplicationSessionEvent event) {
                    destroyed.add(node.name);
                }

                @Override
                public void sessionExpired(SipApplicationSessionEvent event) {
                    expired.add(node.name);
                }

                @Override
                public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
                }
            });
        }
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> session.data().setExpirationTime(System.currentTimeMillis() + 400));
        // both nodes touch it, as messages of the call would
        b.call(id, manager -> {
            manager.commit(manager.find(id));
            return null;
        });
        long deadline = System.currentTimeMillis() + 5_000;
        while (destroyed.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        String owner = isPrimaryOwner(memberA, id) ? "A" : "B";
        assertEquals(List.of(owner), expired, "expired once, on the primary owner");
        assertEquals(List.of(owner), destroyed);
        assertNull(b.call(id, manager -> manager.find(id)));
        assertNull(a.call(id, manager -> manager.find(id)));
    }

    @ParameterizedTest(name = "ATTRIBUTE, {0}")
    @org.junit.jupiter.params.provider.EnumSource(SessionMarshaller.class)
    void attributeGranularityWritesOnlyWhatChanged(SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, SessionGranularity.ATTRIBUTE, marshaller);
        SipNode b = this.node("B", memberB, SessionGranularity.ATTRIBUTE, marshaller);
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> {
            session.setAttribute("big", "x".repeat(10_000));
            session.setAttribute("count", 1);
        });
        java.util.Map<String, Object> before = localEntry(memberA, id);
        b.call(id, manager -> {
            SipApplicationSessionImpl session = manager.find(id);
            session.getAttribute("big");
            session.setAttribute("count", 2);
            manager.commit(session);
            return null;
        });
        java.util.Map<String, Object> after = localEntry(memberA, id);
        // A's copy of the entry was updated in place by the compute operand: the untouched part is the very same array
        assertTrue(before.get("a/big") == after.get("a/big"), "the unchanged attribute did not travel");
        assertFalse(java.util.Arrays.equals((byte[]) before.get("a/count"), (byte[]) after.get("a/count")));
        assertEquals("B", after.get(InfinispanSipSessionStore.NODE).toString());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void everyNodeListsTheCallsWithTheirOwner(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        SipNode a = this.node("A", memberA, granularity, marshaller);
        SipNode b = this.node("B", memberB, granularity, marshaller);
        String id = a.manager.localId(SessionKeys.newApplicationSessionId());
        a.call(id, manager -> {
            SipApplicationSessionImpl session = manager.create(id);
            session.setInvalidateWhenReady(false);
            session.setAttribute("customer", "c-42");
            SipSessionData uas = new SipSessionData(SessionKeys.newSipSessionId(), 0, "listed@atlanta", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>");
            uas.setDialog(new DialogState(DialogState.Role.UAS, "listed@atlanta", SessionKeys.newTag(id), "alice-tag", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>",
                    1, 1, "sip:alice@192.0.2.4", List.of(), false, DialogState.State.CONFIRMED));
            uas.setState(SipSessionData.State.CONFIRMED);
            session.createSipSession(uas);
            manager.commit(session);
            return null;
        });
        assertEquals(1, a.manager.callsInProgress(), "A, where the call was set up, counts it in progress");
        for (SipNode node : List.of(a, b)) {
            List<org.wildfly.extras.sip.container.session.StoredSession> listed = node.manager.storedSessions().stream().filter(stored -> stored.data().id().equals(id)).toList();
            assertEquals(1, listed.size(), node.name + " lists the call once");
            assertEquals("A", listed.get(0).owner(), node.name + " names its owner");
            assertEquals("c-42", listed.get(0).data().attributes().get("customer"));
            assertEquals("listed@atlanta", listed.get(0).data().sipSessions().values().iterator().next().callId());
        }
    }

    @org.junit.jupiter.api.Test
    void messageThatWaitsTooLongForTheLockIsToldTheSessionIsUnavailable() throws Exception {
        SipNode a = this.node("A", memberA, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM);
        SipNode b = this.node("B", memberB, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM);
        String id = SessionKeys.newApplicationSessionId();
        a.createKept(id, session -> { });
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                a.call(id, manager -> {
                    manager.find(id);
                    locked.countDown();
                    sleep(3_000); // longer than the cache's 2 s lock timeout
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        // the container tries such a request again later (InboundDispatcher.handle)
        SessionUnavailableException failure = assertThrows(SessionUnavailableException.class, () -> b.call(id, manager -> manager.find(id)));
        assertTrue(failure.getMessage().contains("Application session " + id + " of app is locked elsewhere"), failure.getMessage());
        holder.get(10, TimeUnit.SECONDS);
        assertNotNull(b.call(id, manager -> manager.find(id)), "the lock is free once A's message ended");
    }

    private static java.util.Map<String, Object> localEntry(ClusterNode member, String id) {
        return member.cache().getAdvancedCache().withFlags(org.infinispan.context.Flag.CACHE_MODE_LOCAL, org.infinispan.context.Flag.SKIP_LOCKING).get(id);
    }

    static boolean isPrimaryOwner(ClusterNode member, String id) {
        return member.cache().getAdvancedCache().getDistributionManager().getCacheTopology().getDistribution(id).isPrimary();
    }

    private static Address address(String text) {
        try {
            return Addresses.parse(text);
        } catch (javax.servlet.sip.ServletParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static javax.servlet.sip.URI uri(String text) {
        try {
            return Uris.parse(text);
        } catch (javax.servlet.sip.ServletParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
