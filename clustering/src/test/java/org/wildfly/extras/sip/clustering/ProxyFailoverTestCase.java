package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * A record-routing proxy application on a two-node cluster behind the shipped balancer: the node that proxied a call
 * dies; the caller's INFO and re-INVITE and the callee's BYE then go through the survivor, which proxies them with the
 * application's state intact, and every answer finds its way back.
 */
class ProxyFailoverTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    @Test
    void proxiedCallOutlivesTheProxysNode() throws Exception {
        this.cluster = new BalancedCluster("proxy", name -> new CountingProxy(name, this.events), "A", "B");
        Sipp.Server callee = Sipp.startServer("proxy-failover-uas.xml", "u1");
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run("proxy-failover-uac.xml", "u1", this.cluster.balancerPort(), "-key", "callee_port", Integer.toString(callee.port()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String proxying = this.awaitEvent("ACK on ");
        this.cluster.crash(proxying);

        Sipp.Result caller = call.get(40, TimeUnit.SECONDS);
        Sipp.Result answered = callee.await();
        assertTrue(caller.passed(), "caller:\n" + caller.output() + "\ncallee:\n" + answered.output() + "\n" + this.cluster.balancerLog());
        assertTrue(answered.passed(), "callee:\n" + answered.output());
        List<String> later = new ArrayList<>();
        this.events.drainTo(later);
        String survivor = proxying.equals("A") ? "B" : "A";
        assertEquals(List.of("INFO on " + survivor, "INVITE on " + survivor, "ACK on " + survivor, "BYE on " + survivor), later, "the survivor proxied the rest of the call");
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
            SerialExecutor.whenTaskEnds(() -> this.events.add(event)); // once the message's changes are written
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                response.setHeader("X-Counter", response.getApplicationSession().getAttribute("requests").toString());
            }
        }
    }
}
