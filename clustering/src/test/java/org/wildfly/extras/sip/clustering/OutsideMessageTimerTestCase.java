package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A servlet timer created outside any message, from a thread of the application as an HTTP servlet of a converged
 * application creates it (the application's {@link TimerService} on an application session of its {@link SipFactory}):
 * it fires once, at its due time, with no failover and on the survivor when the creating node dies, whichever node
 * owns the session's entry.
 */
class OutsideMessageTimerTestCase {

    private static final String APPLICATION = "timers";
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final BlockingQueue<Fired> fired = new LinkedBlockingQueue<>();
    private final Map<String, ClusterNode> members = new LinkedHashMap<>();
    private final Map<String, SipContainer> nodes = new LinkedHashMap<>();
    private final Map<String, InfinispanSipSessionStore> stores = new LinkedHashMap<>();
    private final Map<String, ServletContext> contexts = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = this.resources.size() - 1; i >= 0; i--) {
            try {
                this.resources.get(i).close();
            } catch (Exception e) {
                // already stopped by the test
            }
        }
    }

    @Test
    void timerFiresOnceWithoutFailover() throws Exception {
        this.startCluster();
        long due = this.createTimerOn("A", this.keyOwnedBy("B"), 2_000, "plain");
        Fired first = this.awaitFiring(due);
        assertEquals("B", first.node(), "the primary owner of the session fires it");
        this.assertNoMoreFirings();
    }

    @Test
    void creatorOwnsTheSessionAndDies() throws Exception {
        this.assertSurvivorFires(this.startedKeyOwnedBy("A"));
    }

    @Test
    void survivorOwnsTheSessionAndTheCreatorDies() throws Exception {
        this.assertSurvivorFires(this.startedKeyOwnedBy("B"));
    }

    private String startedKeyOwnedBy(String owner) throws Exception {
        this.startCluster();
        return this.keyOwnedBy(owner);
    }

    /** A creates the timer, as the node that places the call does, and dies before it is due: B fires it. */
    private void assertSurvivorFires(String key) throws Exception {
        // due after the cluster has dropped A (failure detection 3 s + verification), so it is on time on B
        long due = this.createTimerOn("A", key, 6_000, "hang-up");
        this.crash("A");
        Fired first = this.awaitFiring(due);
        assertEquals(new Fired("B", "hang-up", first.at()), first, "the survivor fires it");
        this.assertNoMoreFirings();
    }

    /** @return when the timer is due */
    private long createTimerOn(String node, String key, long delay, String info) {
        ServletContext context = this.contexts.get(node);
        SipFactory factory = (SipFactory) context.getAttribute(SipServlet.SIP_FACTORY);
        TimerService timers = (TimerService) context.getAttribute(SipServlet.TIMER_SERVICE);
        // this thread runs no message: as an HTTP request of a converged application does
        SipApplicationSession session = factory.createApplicationSessionByKey(key);
        session.setAttribute("caller", "alice");
        ServletTimer timer = timers.createTimer(session, delay, false, info);
        long due = timer.scheduledExecutionTime();
        // nothing ends a unit of work here: the timer must have been written at once, with the due time owners arm
        assertEquals(due, this.members.get(node).cache().get(session.getId()).get(InfinispanSipSessionStore.DUE), "the stored due time");
        return due;
    }

    private Fired awaitFiring(long due) throws InterruptedException {
        Fired first = this.fired.poll(due - System.currentTimeMillis() + 10_000, TimeUnit.MILLISECONDS);
        assertTrue(first != null, "the timer never fired");
        assertTrue(first.at() >= due - 50, "fired " + (due - first.at()) + " ms early");
        assertTrue(first.at() <= due + 1_500, "fired " + (first.at() - due) + " ms late");
        return first;
    }

    private void assertNoMoreFirings() throws InterruptedException {
        Fired again = this.fired.poll(2, TimeUnit.SECONDS);
        assertEquals(null, again, "fired once");
    }

    private String keyOwnedBy(String node) {
        for (int i = 0;; i++) {
            String key = "call-" + i;
            if (InfinispanSipSessionStoreTestCase.isPrimaryOwner(this.members.get(node), SessionKeys.fromKey(APPLICATION, key))) {
                return key;
            }
        }
    }

    /** kill -9: no more cluster traffic, no more SIP, no more due work armed there. */
    private void crash(String name) {
        this.members.get(name).crash();
        this.nodes.get(name).close();
        this.stores.get(name).close();
    }

    private void startCluster() throws Exception {
        String cluster = "sip-outside-timer-" + CLUSTERS.incrementAndGet(); // a crashed member lingers a while
        for (String name : List.of("A", "B")) {
            ClusterNode member = new ClusterNode(cluster, name);
            this.resources.add(() -> {
                Thread stopper = new Thread(member::close, "stop-member"); // a cut-off member may take its time to leave
                stopper.setDaemon(true);
                stopper.start();
            });
            this.members.put(name, member);
            member.cache();
        }
        for (String name : List.of("A", "B")) {
            SipContainer container = this.track(SipContainer.start(new SipContainer.Configuration(
                    List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", FreePorts.udpAndTcp())), "127.0.0.1", 5060, 2)));
            InfinispanSipSessionStore store = this.track(new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
                @Override
                public org.infinispan.Cache<String, Map<String, Object>> cache() {
                    return OutsideMessageTimerTestCase.this.members.get(name).cache();
                }

                @Override
                public String applicationName() {
                    return APPLICATION;
                }

                @Override
                public SessionGranularity granularity() {
                    return SessionGranularity.SESSION;
                }

                @Override
                public org.wildfly.clustering.marshalling.ByteBufferMarshaller marshaller() {
                    return SessionMarshaller.PROTOSTREAM.create(OutsideMessageTimerTestCase.class.getClassLoader());
                }
            }));
            ServletContext context = TestServletContext.create(APPLICATION);
            TimerListener listener = timer -> this.fired.add(new Fired(name, (String) timer.getInfo(), System.currentTimeMillis()));
            container.deploy(SipApplicationDefinition.builder(APPLICATION, Map.of(APPLICATION, new SipServlet() {
                private static final long serialVersionUID = 1L;
            }))
                    .mainServlet(APPLICATION).listeners(List.of(listener)).sessionTimeoutMinutes(3).servletContext(context).build(), store);
            this.nodes.put(name, container);
            this.stores.put(name, store);
            this.contexts.put(name, context);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /** A timer fired: on which node, with which info, when. */
    private record Fired(String node, String info, long at) {
    }
}
