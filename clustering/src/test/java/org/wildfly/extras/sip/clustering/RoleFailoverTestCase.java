package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.UnitOfWork;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * Proxy and B2BUA applications on a two-node cluster behind the shipped balancer, the nodes sending their own requests
 * through it: the node that holds a call dies; the rest of the call, from either side, goes through the survivor,
 * which carries on with the application's state, and every answer finds its way back.
 */
class RoleFailoverTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    /** A record-routing proxy: the caller's INFO and re-INVITE, then the callee's BYE, proxied by the survivor. */
    @Test
    void proxiedCallOutlivesTheProxysNode() throws Exception {
        String survivor = this.callThroughAKilledNode(name -> new CountingProxy(name, this.events), "proxy-failover-uac.xml", "proxy-failover-uas.xml");
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        assertEquals(List.of("INFO on " + survivor, "INVITE on " + survivor, "ACK on " + survivor, "BYE on " + survivor), later, "the survivor proxied the rest of the call");
    }

    /** A B2BUA: the caller's re-INVITE, then the callee's re-INVITE and BYE, relayed leg to leg by the survivor. */
    @Test
    void bridgedCallOutlivesTheBridgesNode() throws Exception {
        String survivor = this.callThroughAKilledNode(name -> new CountingBridge(name, this.events), "b2bua-failover-uac.xml", "b2bua-failover-uas.xml");
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        assertEquals(List.of("INVITE on " + survivor, "ACK on " + survivor, "INVITE on " + survivor, "ACK on " + survivor, "BYE on " + survivor), later,
                "the survivor relayed the rest of the call");
    }

    /**
     * Sets up a call from a sipp caller through the balancer to a sipp callee, kills the node that took its ACK, and
     * checks that both phones finish their scenario. @return the survivor's name
     */
    private String callThroughAKilledNode(Function<String, Servlet> servlet, String callerScenario, String calleeScenario) throws Exception {
        this.cluster = new BalancedCluster("roles", servlet, "A", "B");
        Sipp.Server callee = Sipp.startServer(calleeScenario, "u1", "-timeout", "40s");
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run(callerScenario, "u1", this.cluster.balancerPort(), "-key", "callee_port", Integer.toString(callee.port()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String holding = this.awaitEvent("ACK on ");
        this.cluster.crash(holding);

        Sipp.Result caller = call.get(40, TimeUnit.SECONDS);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), "caller:\n" + caller.output() + "\ncallee:\n" + answered.output() + "\n" + this.cluster.balancerLog());
        assertTrue(answered.passed(), "callee:\n" + answered.output());
        return holding.equals("A") ? "B" : "A";
    }

    private String awaitEvent(String prefix) throws InterruptedException, IOException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(15, TimeUnit.SECONDS); event != null; event = this.events.poll(15, TimeUnit.SECONDS)) {
            seen.add(event);
            if (event.startsWith(prefix)) {
                return event.substring(prefix.length());
            }
        }
        throw new AssertionError("no event " + prefix + "... through the balancer, only " + seen + "\n" + this.cluster.balancerLog());
    }

    /**
     * Proxies a call to its request-URI with record-routing; counts the call's requests in the application session
     * and tells the count in each request it proxies (X-Count) and in each 2xx (X-Counter).
     */
    static final class CountingProxy extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        CountingProxy(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            if (request.getMethod().equals("CANCEL")) {
                return;
            }
            SipApplicationSession session = request.getApplicationSession();
            Integer count = (Integer) session.getAttribute("requests");
            int next = (count != null) ? count + 1 : 1;
            session.setAttribute("requests", next);
            request.setHeader("X-Count", Integer.toString(next));
            if (request.isInitial()) {
                Proxy proxy = request.getProxy();
                proxy.setRecordRoute(true);
                proxy.setSupervised(true);
                proxy.proxyTo(request.getRequestURI());
            }
            String event = request.getMethod() + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event)); // once the message's changes are written
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                response.setHeader("X-Counter", response.getApplicationSession().getAttribute("requests").toString());
            }
        }
    }

    /** Bridges a call to its request-URI; counts the call's requests and tells the count in what it relays (X-Count, X-Counter). */
    static final class CountingBridge extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String node;
        private final transient BlockingQueue<String> events;

        CountingBridge(String node, BlockingQueue<String> events) {
            this.node = node;
            this.events = events;
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            B2buaHelper helper = request.getB2buaHelper();
            if (request.getMethod().equals("CANCEL")) {
                helper.createCancel(helper.getLinkedSession(request.getSession())).send();
                return;
            }
            SipApplicationSession call = request.getApplicationSession();
            Integer previous = (Integer) call.getAttribute("count");
            int count = (previous != null) ? previous + 1 : 1;
            call.setAttribute("count", count);
            String event = request.getMethod() + " on " + this.node;
            UnitOfWork.current().whenDone(() -> this.events.add(event));
            if (request.isInitial()) {
                SipServletRequest outgoing = helper.createRequest(request, true, Map.of("X-Count", List.of(Integer.toString(count))));
                outgoing.setRequestURI(request.getRequestURI());
                outgoing.send();
                return;
            }
            SipSession otherLeg = helper.getLinkedSession(request.getSession());
            if (request.getMethod().equals("ACK")) {
                for (SipServletMessage pending : helper.getPendingMessages(otherLeg, UAMode.UAC)) {
                    if (pending instanceof SipServletResponse response && response.getStatus() >= 200 && response.getStatus() < 300) {
                        response.createAck().send();
                    }
                }
                return;
            }
            SipServletRequest relayed = helper.createRequest(otherLeg, request, null);
            relayed.setHeader("X-Count", Integer.toString(count));
            relayed.send();
        }

        @Override
        protected void doResponse(SipServletResponse response) throws IOException {
            if (response.getMethod().equals("CANCEL") || response.getStatus() == 100) {
                return;
            }
            SipServletRequest original = response.getRequest().getB2buaHelper().getLinkedSipServletRequest(response.getRequest());
            if (original == null || original.isCommitted()) {
                return;
            }
            SipServletResponse relayed = original.createResponse(response.getStatus(), response.getReasonPhrase());
            relayed.setHeader("X-Counter", response.getApplicationSession().getAttribute("count").toString());
            relayed.send();
        }
    }
}
