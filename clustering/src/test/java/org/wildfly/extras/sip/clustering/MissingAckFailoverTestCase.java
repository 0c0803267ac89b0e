package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.dispatch.UnitOfWork;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The node that answered a call dies before the caller's ACK, which never comes: the wait for it was node-local, but
 * the 2xx waiting for its ACK is dialog data, due 64*T1 (and a grace of 2 s) after it was sent. The node that takes the
 * session over ends the dialog: it tells the application (noAckReceived, with the INVITE and 2xx rebuilt from the
 * dialog data) and sends the caller the BYE. Two containers on a replicated cache behind Kamailio; T1 is 50 ms.
 */
class MissingAckFailoverTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ClusterNode> members = new HashMap<>();
    private final Map<String, SipContainer> nodes = new HashMap<>();
    private Kamailio kamailio;

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
    void theSurvivorEndsTheDialogOfADeadNode() throws Exception {
        int balancer = FreePorts.udpAndTcp();
        List<Integer> ports = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            this.members.put(name, this.track(new ClusterNode(name)));
            int port = FreePorts.udpAndTcp();
            ports.add(port);
            SipContainer container = this.track(SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)),
                    "127.0.0.1", balancer, 2).withTimerT1(Duration.ofMillis(50))));
            InfinispanSipSessionStore store = this.track(new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
                @Override
                public org.infinispan.Cache<String, Map<String, Object>> cache() {
                    return MissingAckFailoverTestCase.this.members.get(name).cache();
                }

                @Override
                public String applicationName() {
                    return "answering";
                }

                @Override
                public SessionGranularity granularity() {
                    return SessionGranularity.SESSION;
                }

                @Override
                public org.wildfly.clustering.marshalling.ByteBufferMarshaller marshaller() {
                    return SessionMarshaller.PROTOSTREAM.create(MissingAckFailoverTestCase.class.getClassLoader());
                }
            }));
            Answering answering = new Answering(name, this.events);
            container.deploy(SipApplicationDefinition.builder("answering", Map.of("answer", answering)).mainServlet("answer").listeners(List.of(answering))
                    .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("answering")).build(), store);
            this.nodes.put(name, container);
        }
        this.kamailio = this.track(Kamailio.start(balancer, ports));

        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run("no-ack-uac.xml", "u1", balancer, "-timeout", "30s");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String event = this.events.poll(15, TimeUnit.SECONDS);
        assertTrue(event != null && event.startsWith("INVITE answered on "), "the call reached a node: " + event + "\n" + this.kamailio.log());
        String answering = event.substring("INVITE answered on ".length());
        this.members.get(answering).crash(); // dies without a goodbye, its 2xx unacknowledged
        this.nodes.get(answering).close();

        Sipp.Result result = call.get(40, TimeUnit.SECONDS);
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        assertTrue(result.passed(), "the caller gets a BYE from the survivor: " + later + "\n" + result.output() + "\n" + this.kamailio.log());
        String survivor = answering.equals("A") ? "B" : "A";
        assertEquals(List.of("noAckReceived 200 INVITE on " + survivor), later);
    }

    private <T extends AutoCloseable> T track(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /** Answers every call, and hears of a missing ACK; says on which node. */
    static final class Answering extends SipServlet implements SipErrorListener {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        Answering(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            request.createResponse(200).send(); // the balancer's keep-alive
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
            // told once the message's write has reached the cluster: a node killed before would lose the call
            UnitOfWork.current().whenDone(() -> this.events.add("INVITE answered on " + this.node));
        }

        @Override
        public void noAckReceived(SipErrorEvent event) {
            this.events.add("noAckReceived " + event.getResponse().getStatus() + " " + event.getRequest().getMethod() + " on " + this.node);
        }

        @Override
        public void noPrackReceived(SipErrorEvent event) {
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            this.events.add("response " + response.getStatus() + " on " + this.node);
        }
    }
}
