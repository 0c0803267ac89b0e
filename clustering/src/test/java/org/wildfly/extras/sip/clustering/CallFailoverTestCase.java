package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
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
        int balancer = FreePorts.udpAndTcp();
        Map<String, ClusterNode> members = Map.of("A", this.track(new ClusterNode("A")), "B", this.track(new ClusterNode("B")));
        Map<String, SipContainer> nodes = new java.util.HashMap<>();
        List<Integer> ports = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            int port = FreePorts.udpAndTcp();
            ports.add(port);
            SipContainer container = this.track(SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), "127.0.0.1", balancer, 2)));
            InfinispanSipSessionStore store = new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
                @Override
                public org.infinispan.Cache<String, Map<String, Object>> cache() {
                    return members.get(name).cache();
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
            container.deploy(new SipApplicationDefinition("counter", Map.of("counter", new Counter(name, this.events)), "counter", List.of(), 3, TestServletContext.create("counter")), store);
            nodes.put(name, container);
        }
        Kamailio kamailio = this.track(Kamailio.start(balancer, ports));

        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run("failover-call-uac.xml", "u1", balancer);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String answering = null;
        for (String event = this.events.poll(15, TimeUnit.SECONDS); event != null; event = this.events.poll(15, TimeUnit.SECONDS)) {
            if (event.startsWith("ACK on ")) {
                answering = event.substring("ACK on ".length());
                break;
            }
        }
        assertNotNull(answering, "the call was answered and acknowledged through the balancer\n" + kamailio.log());
        // the node dies without a goodbye: no more cluster traffic, no more SIP
        members.get(answering).crash();
        nodes.get(answering).close();

        Sipp.Result result = call.get(40, TimeUnit.SECONDS);
        assertTrue(result.passed(), this.events + "\n" + result.output() + "\n" + kamailio.log());
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        String survivor = answering.equals("A") ? "B" : "A";
        assertTrue(later.contains("INFO on " + survivor) && later.contains("BYE on " + survivor), later.toString());
        String dead = answering;
        assertEquals(0, later.stream().filter(event -> event.endsWith(" on " + dead)).count(), "the dead node served nothing more");
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /** Counts a call's requests in its application session and says so in each 2xx (X-Counter). */
    static final class Counter extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        Counter(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
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
            // told once the message's write has reached the cluster: the test kills the node on "ACK on", and the
            // container writes a message's changes when it ends (after this method), so a kill before would lose them
            String event = request.getMethod() + " on " + this.node;
            SerialExecutor.whenTaskEnds(() -> this.events.add(event));
            if (!request.getMethod().equals("ACK")) {
                SipServletResponse response = request.createResponse(200);
                response.setHeader("X-Counter", Integer.toString(next));
                response.setHeader("X-Node", this.node);
                response.send();
            }
        }
    }
}
