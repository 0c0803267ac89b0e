package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildfly.extras.sip.container.dialog.DialogState;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.session.TimerData;

/**
 * The node that owns a call dies without a goodbye: the survivor fires its pending timer, once, and goes on with the
 * dialog, for each granularity and marshaller.
 */
class FailoverTestCase {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    static Stream<Arguments> combinations() {
        return InfinispanSipSessionStoreTestCase.combinations();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("combinations")
    void timerMovesToTheSurvivorWhenTheOwnerDies(SessionGranularity granularity, SessionMarshaller marshaller) throws Exception {
        String cluster = "sip-failover-" + CLUSTERS.incrementAndGet();
        try (ClusterNode memberB = new ClusterNode(cluster, "B")) {
            ClusterNode memberA = new ClusterNode(cluster, "A");
            memberA.cache();
            memberB.cache();
            try (SipNode b = new SipNode("B", memberB, granularity, marshaller)) {
                SipNode a = new SipNode("A", memberA, granularity, marshaller);
                String id = SessionKeys.newApplicationSessionId();
                while (!InfinispanSipSessionStoreTestCase.isPrimaryOwner(memberA, id)) {
                    id = SessionKeys.newApplicationSessionId();
                }
                String callId = id;
                String[] sipId = new String[1];
                a.call(id, manager -> {
                    SipApplicationSessionImpl session = manager.create(callId);
                    session.setInvalidateWhenReady(false);
                    session.setAttribute("customer", "c-17");
                    SipSessionData uac = new SipSessionData(SessionKeys.newSipSessionId(), System.currentTimeMillis(), "call-9@node-a", "<sip:app@example.com>", "<sip:bob@biloxi.example.com>");
                    uac.setDialog(new DialogState(DialogState.Role.UAC, "call-9@node-a", SessionKeys.newTag(callId), "bob-tag", "<sip:app@example.com>", "<sip:bob@biloxi.example.com>",
                            7, -1, "sip:bob@192.0.2.7", List.of("<sip:lb.example.com;lr>"), false, DialogState.State.CONFIRMED));
                    uac.setState(SipSessionData.State.CONFIRMED);
                    session.createSipSession(uac);
                    session.data().timers().put("hangup", new TimerData("hangup", "after-call", System.currentTimeMillis() + 1_000, 0, false));
                    manager.commit(session);
                    sipId[0] = uac.id();
                    return null;
                });
                // kill -9: A's threads stop, its traffic is dropped; B notices by failure detection
                a.close();
                memberA.crash();

                long deadline = System.currentTimeMillis() + 20_000;
                while (b.firedTimers.isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(500);
                assertEquals(List.of("hangup:after-call"), b.firedTimers, "the survivor fired the dead owner's timer once");
                assertTrue(a.firedTimers.isEmpty());

                b.call(callId, manager -> {
                    SipApplicationSessionImpl session = manager.find(callId);
                    assertNotNull(session);
                    assertEquals("c-17", session.getAttribute("customer"));
                    SipSessionImpl uac = (SipSessionImpl) session.getSipSession(sipId[0]);
                    uac.createRequest("BYE");
                    assertEquals("8 BYE", b.lastRequest.headers().first(HeaderNames.CSEQ));
                    assertEquals(List.of("<sip:lb.example.com;lr>"), b.lastRequest.headers().all(HeaderNames.ROUTE));
                    manager.commit(session);
                    return null;
                });
            } finally {
                Thread stopper = new Thread(memberA::close, "stop-dead-member");
                stopper.setDaemon(true);
                stopper.start(); // a cut-off member may take its time to leave
            }
        }
    }
}
