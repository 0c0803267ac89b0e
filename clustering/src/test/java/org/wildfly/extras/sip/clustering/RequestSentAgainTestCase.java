package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SessionUnavailableException;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;

/**
 * An initial INVITE that the balancer sends again, same branch, to node B while node A still works on it (A's probes
 * went unanswered: a pause, a starved CPU). B must leave it to A while A is a member of the cluster, whether or not A's
 * first unit of work on it has ended, and take it over only once A has left the cluster: two answers would give the
 * caller two dialogs.
 */
class RequestSentAgainTestCase {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    @Test
    void requestSentAgainWhileTheFirstNodeStillWorksOnItIsLeftToThatNode() throws Exception {
        String cluster = "sip-sent-again-" + CLUSTERS.incrementAndGet();
        try (ClusterNode memberA = new ClusterNode(cluster, "A"); ClusterNode memberB = new ClusterNode(cluster, "B")) {
            memberA.cache();
            memberB.cache();
            try (SipNode a = new SipNode("A", memberA, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM);
                    SipNode b = new SipNode("B", memberB, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM)) {
                String transaction = transaction("1");
                String onA = a.manager.localId(transaction);
                String onB = b.manager.localId(transaction);
                CountDownLatch bound = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                    try {
                        a.call(onA, manager -> {
                            assertNull(manager.bind(transaction, onA), "A is the first to get the INVITE");
                            bound.countDown();
                            await(release); // A's first unit of work on the INVITE goes on: the application works
                            ringing(manager, onA);
                            return null;
                        });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertTrue(bound.await(10, TimeUnit.SECONDS));

                SessionUnavailableException held = assertThrows(SessionUnavailableException.class, () -> b.call(onB, manager -> manager.bind(transaction, onB)));
                assertTrue(held.heldByLiveNode(), "B is told A still works on it, and is a member: " + held.getMessage());
                assertTrue(held.getMessage().contains("node A"), held.getMessage());
                assertFalse(memberB.cache().containsKey(onB), "B made no session of its own for it");

                release.countDown();
                first.get(10, TimeUnit.SECONDS);
                assertEquals(onA, b.call(onB, manager -> manager.bind(transaction, onB)), "once A's unit of work ended, B finds it was handled there");
                assertEquals(onA, b.manager.bound(transaction), "a CANCEL on B finds A's session");
            }
        }
    }

    @Test
    void requestSentAgainAfterItsNodeLeftTheClusterIsTakenOver() throws Exception {
        String cluster = "sip-sent-again-" + CLUSTERS.incrementAndGet();
        try (ClusterNode memberB = new ClusterNode(cluster, "B")) {
            ClusterNode memberA = new ClusterNode(cluster, "A");
            memberA.cache();
            memberB.cache();
            try (SipNode b = new SipNode("B", memberB, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM)) {
                SipNode a = new SipNode("A", memberA, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM);
                String transaction = transaction("2");
                String onA = a.manager.localId(transaction);
                String onB = b.manager.localId(transaction);
                CountDownLatch bound = new CountDownLatch(1);
                CompletableFuture.runAsync(() -> {
                    try {
                        a.call(onA, manager -> {
                            manager.bind(transaction, onA);
                            bound.countDown();
                            await(new CountDownLatch(1)); // A dies in its first unit of work: it never ends
                            return null;
                        });
                    } catch (Exception e) {
                        // A's executor is stopped under it
                    }
                });
                assertTrue(bound.await(10, TimeUnit.SECONDS));
                SessionUnavailableException held = assertThrows(SessionUnavailableException.class, () -> b.call(onB, manager -> manager.bind(transaction, onB)));
                assertTrue(held.heldByLiveNode(), held.getMessage());

                // kill -9 of A: B's failure detection drops it from the view, and A's locks go with it
                a.close();
                memberA.crash();
                String taken = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() - deadline < 0) {
                    try {
                        taken = b.call(onB, manager -> {
                            String before = manager.bind(transaction, onB);
                            if (before == null) {
                                ringing(manager, onB);
                            }
                            return (before == null) ? onB : before;
                        });
                        break;
                    } catch (SessionUnavailableException e) {
                        Thread.sleep(200); // as the container tries it again
                    }
                }
                assertEquals(onB, taken, "B takes over the INVITE whose node died before its first unit of work ended");
                assertEquals(onB, b.manager.bound(transaction), "a CANCEL finds B's session now");
                assertTrue(memberB.cache().containsKey(onB));
                Thread stopper = new Thread(memberA::close, "stop-dead-member");
                stopper.setDaemon(true);
                stopper.start(); // a cut-off member may take its time to leave
            }
        }
    }

    @Test
    void requestAnsweredFinallyInItsFirstUnitOfWorkLeavesNoClaim() throws Exception {
        String cluster = "sip-sent-again-" + CLUSTERS.incrementAndGet();
        try (ClusterNode memberA = new ClusterNode(cluster, "A"); ClusterNode memberB = new ClusterNode(cluster, "B")) {
            memberA.cache();
            memberB.cache();
            try (SipNode a = new SipNode("A", memberA, SessionGranularity.SESSION, SessionMarshaller.PROTOSTREAM)) {
                String transaction = transaction("3");
                String onA = a.manager.localId(transaction);
                a.call(onA, manager -> {
                    assertNull(manager.bind(transaction, onA));
                    manager.create(onA).invalidate(); // answered 486 at once: the application session ends with it
                    return null;
                });
                assertNull(a.manager.bound(transaction), "nothing is bound to the ended call");
                assertFalse(memberB.cache().containsKey(InfinispanSipSessionStore.BINDING_KEY + transaction), "its claim went with it");
            }
        }
    }

    private static String transaction(String call) {
        return SessionKeys.forTransaction("sent-again-" + call + "-" + System.nanoTime() + "@atlanta", "1928301774", 1, "z9hG4bK" + call + "/192.0.2.4:5060");
    }

    /** What A's servlet leaves after the INVITE's first unit of work: a session ringing, kept for the call. */
    private static Void ringing(org.wildfly.extras.sip.container.session.SipSessionManager manager, String id) {
        SipApplicationSessionImpl session = manager.create(id);
        session.setInvalidateWhenReady(false);
        SipSessionData uas = new SipSessionData(SessionKeys.newSipSessionId(), 0, "sent-again@atlanta", "<sip:bob@biloxi.example.com>", "<sip:alice@atlanta.example.com>");
        uas.setReceivedInvite("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        session.createSipSession(uas);
        manager.commit(session);
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
