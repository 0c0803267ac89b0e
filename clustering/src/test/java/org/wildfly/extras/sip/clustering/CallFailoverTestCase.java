package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.dispatch.UnitOfWork;
import org.wildfly.extras.sip.container.session.SessionKeys;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Mid-call failover, end to end in one JVM: two containers whose sessions live in a replicated Infinispan cache,
 * behind the Kamailio configuration we ship. A sipp call is answered by one node; that node dies (its cluster
 * traffic cut, its SIP port closed); the call's next requests reach the other node through Kamailio, which answers
 * them from the replicated session, the application's count going on.
 */
class CallFailoverTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ClusterNode> members = new HashMap<>();
    private final Map<String, SipContainer> nodes = new HashMap<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final List<String> seen = new ArrayList<>(); // the events the test waited through
    private Kamailio kamailio;
    private int balancerPort;

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
    void nextRequestOfACallReachesTheSurvivor() throws Exception {
        this.startCluster(false);
        CompletableFuture<Sipp.Result> call = this.call();
        String answering = this.awaitEvent("ACK on ");
        Thread.sleep(300); // the ACK's changes are written just after the servlet saw it
        for (SipContainer node : this.nodes.values()) {
            List<org.wildfly.extras.sip.container.RuntimeStatistics.CallSession> calls = node.calls("counter");
            assertEquals(1, calls.size(), "each node lists the call: " + calls);
            assertEquals(1, calls.get(0).legs().size(), "with its SIP session: " + calls);
            assertEquals("CONFIRMED", calls.get(0).legs().get(0).state(), calls.toString());
            assertEquals("A".equals(answering) ? "A" : "B", calls.get(0).owner(), "owned by the node that answered it");
        }
        // the node dies without a goodbye: no more cluster traffic, no more SIP
        this.members.get(answering).crash();
        this.nodes.get(answering).close();

        Sipp.Result result = call.get(40, TimeUnit.SECONDS);
        assertTrue(result.passed(), this.seen + " " + this.events + "\n" + result.output() + "\n" + this.kamailio.log());
        this.assertSurvivorServedTheRest(answering);
    }

    /**
     * The node dies while its servlet handles the INFO, holding the application session's lock. The survivor cannot
     * take the lock until the cluster has removed the dead node (failure detection, then the dead transaction rolled
     * back); it waits for it rather than losing the request, and answers the INFO's retransmission from the session as
     * it was before the INFO.
     */
    @Test
    void requestInProgressWhenTheNodeDiesIsServedByTheSurvivor() throws Exception {
        this.startCluster(true);
        CompletableFuture<Sipp.Result> call = this.call();
        String answering = this.awaitEvent("INFO holding on ");
        this.members.get(answering).crash();
        SipContainer dead = this.nodes.get(answering);
        Thread stopper = new Thread(dead::close, "stop-dead-node"); // its worker is stuck in the servlet until the test ends
        stopper.setDaemon(true);
        stopper.start();

        Sipp.Result result = call.get(60, TimeUnit.SECONDS);
        assertTrue(result.passed(), this.seen + " " + this.events + "\n" + result.output() + "\n" + this.kamailio.log());
        this.assertSurvivorServedTheRest(answering);
    }

    private void startCluster(boolean holdInfo) throws Exception {
        Counter.HOLDING.set(false);
        int balancer = FreePorts.udpAndTcp();
        this.balancerPort = balancer;
        this.members.put("A", this.track(new ClusterNode("A")));
        this.members.put("B", this.track(new ClusterNode("B")));
        List<Integer> ports = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            int port = FreePorts.udpAndTcp();
            ports.add(port);
            SipContainer container = this.track(SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), "127.0.0.1", balancer, 2)));
            InfinispanSipSessionStore store = new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
                @Override
                public org.infinispan.Cache<String, Map<String, Object>> cache() {
                    return CallFailoverTestCase.this.members.get(name).cache();
                }

                @Override
                public String applicationName() {
                    return "counter";
                }

                @Override
                public SessionGranularity granularity() {
                    return SessionGranularity.SESSION;
                }

                @Override
                public org.wildfly.clustering.marshalling.ByteBufferMarshaller marshaller() {
                    return SessionMarshaller.PROTOSTREAM.create(CallFailoverTestCase.class.getClassLoader());
                }
            });
            this.track(store);
            Counter counter = new Counter(name, this.events, holdInfo ? this.held : null);
            // holding, the call's session is owned by the node that does not answer it: when that node dies holding the
            // lock, the survivor's lock request waits on its own copy, times out (2 s) before the cluster drops the dead
            // node (3.5 s), and the container must try again
            Function<SipServletRequest, String> key = holdInfo ? request -> this.keyOwnedByAnotherThan(name) : null;
            container.deploy(SipApplicationDefinition.builder("counter", Map.of("counter", counter)).mainServlet("counter").sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("counter")).servletSelector(request -> "counter").applicationKey(key).build(), store);
            this.nodes.put(name, container);
        }
        this.kamailio = this.track(Kamailio.start(balancer, ports));
        this.resources.add(this.held::countDown); // lets a held servlet go once the test is over
    }

    private String keyOwnedByAnotherThan(String node) {
        for (int i = 0;; i++) {
            String key = "call-" + i;
            if (!InfinispanSipSessionStoreTestCase.isPrimaryOwner(this.members.get(node), SessionKeys.fromKey("counter", key))) {
                return key;
            }
        }
    }

    private CompletableFuture<Sipp.Result> call() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run("failover-call-uac.xml", "u1", this.balancerPort);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @return the node named by the first event that starts so */
    private String awaitEvent(String prefix) throws InterruptedException, IOException {
        for (String event = this.events.poll(15, TimeUnit.SECONDS); event != null; event = this.events.poll(15, TimeUnit.SECONDS)) {
            this.seen.add(event);
            if (event.startsWith(prefix)) {
                return event.substring(prefix.length());
            }
        }
        throw new AssertionError("no event " + prefix + "... through the balancer, only " + this.seen + "\n" + this.kamailio.log());
    }

    private void assertSurvivorServedTheRest(String dead) {
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        String survivor = dead.equals("A") ? "B" : "A";
        assertTrue(later.contains("INFO on " + survivor) && later.contains("BYE on " + survivor), later.toString());
        assertEquals(0, later.stream().filter(event -> event.endsWith(" on " + dead)).count(), "the dead node served nothing more");
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /**
     * Counts a call's requests in its application session and says so in each 2xx (X-Counter). With a latch, the first
     * INFO of the cluster is held until the latch opens, without an answer: its node is to die meanwhile.
     */
    static final class Counter extends SipServlet {
        private static final long serialVersionUID = 1L;
        // the first INFO in the cluster is held, not the survivor's
        private static final AtomicBoolean HOLDING = new AtomicBoolean();
        private final String node;
        private final transient BlockingQueue<String> events;
        private final transient CountDownLatch hold;

        Counter(String node, BlockingQueue<String> events, CountDownLatch hold) {
            this.node = node;
            this.events = events;
            this.hold = hold;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws IOException {
            if (request.getMethod().equals("OPTIONS")) {
                request.createResponse(200).send(); // the balancer's keep-alive
                return;
            }
            SipApplicationSession session = request.getApplicationSession();
            Integer count = (Integer) session.getAttribute("requests");
            int next = (count != null) ? count + 1 : 1;
            session.setAttribute("requests", next);
            if (this.hold != null && request.getMethod().equals("INFO") && HOLDING.compareAndSet(false, true)) {
                this.events.add("INFO holding on " + this.node);
                try {
                    this.hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            // told once the message's write has reached the cluster: the test kills the node on "ACK on", and the
            // container writes a message's changes when it ends (after this method), so a kill before would lose them
            String event = request.getMethod() + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event));
            if (!request.getMethod().equals("ACK")) {
                SipServletResponse response = request.createResponse(200);
                response.setHeader("X-Counter", Integer.toString(next));
                response.setHeader("X-Node", this.node);
                response.send();
            }
        }
    }
}
