package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.samples.RecordRoutingProxy;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A distributable B2BUA, and a record-routing proxy, stops, as on a node that leaves the cluster (its suspend timeout ended with calls in progress),
 * while a BYE it relayed waits for the callee's answer, which takes a second and a half. WildFly stops the deployment's
 * cache right after the application: the answer must be relayed to the caller before, or the caller's BYE stays
 * unanswered (in the rolling restart, the balancer then gave it to the other node, which relayed it to a callee that had
 * already hung up, and the caller got a 408).
 */
class StoppingApplicationTestCase {

    @Test
    void answerToARelayedByeReachesTheCallerBeforeTheSessionsClose() throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-slow-bye-uas.xml", "u1");
        this.stopWhileTheByeIsOut(callee, "b2bua-call-uac.xml", new CallBridge(), Map.of("bridge.target", "sip:callee@127.0.0.1:" + callee.port()));
    }

    @Test
    void answerToAProxiedByeReachesTheCallerBeforeTheSessionsClose() throws Exception {
        Sipp.Server callee = Sipp.startServer("proxy-slow-bye-uas.xml", "u1");
        this.stopWhileTheByeIsOut(callee, "proxy-call-uac.xml", new RecordRoutingProxy(), Map.of("proxy.targets", "sip:callee@127.0.0.1:" + callee.port()));
    }

    /**
     * The application stops while its servlet still handles the caller's BYE (it writes a record first, half a second):
     * the stop waits for the servlet, which relays the BYE and then its answer. In the rolling restart the
     * servlet's send was refused, "no session of a deployed application", and the caller got a 500 to its INFO.
     */
    @Test
    void requestInTheServletWhenTheApplicationStopsIsServed() throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-call-uas.xml", "u1");
        java.util.concurrent.CountDownLatch inBye = new java.util.concurrent.CountDownLatch(1);
        CallBridge slowOnBye = new CallBridge() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doRequest(javax.servlet.sip.SipServletRequest request) throws jakarta.servlet.ServletException, java.io.IOException {
                if (request.getMethod().equals("BYE")) {
                    inBye.countDown();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.doRequest(request);
            }
        };
        int port = FreePorts.udpAndTcp();
        try (ClusterNode member = new ClusterNode("stopping");
                InfinispanSipSessionStore store = BalancedCluster.store(member, "stopping");
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2))) {
            container.deploy(SipApplicationDefinition.builder("stopping", Map.of("main", slowOnBye)).mainServlet("main").sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("stopping", Map.of("bridge.target", "sip:callee@127.0.0.1:" + callee.port()))).build(), store);
            Sipp.Server caller = Sipp.startClient("b2bua-call-uac.xml", "u1", port, "-timeout", "15s");
            assertTrue(inBye.await(10, java.util.concurrent.TimeUnit.SECONDS), "the BYE reached the servlet");

            container.undeploy("stopping");
            member.cache().stop();

            Sipp.Result called = caller.await();
            Sipp.Result answered = callee.await();
            assertTrue(called.passed(), "the caller got the 200 to its BYE:\n" + called.output());
            assertTrue(answered.passed(), answered.output());
        }
    }

    private void stopWhileTheByeIsOut(Sipp.Server callee, String callerScenario, jakarta.servlet.Servlet application, Map<String, String> parameters) throws Exception {
        int port = FreePorts.udpAndTcp();
        try (ClusterNode member = new ClusterNode("stopping");
                InfinispanSipSessionStore store = BalancedCluster.store(member, "stopping");
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2))) {
            container.deploy(SipApplicationDefinition.builder("stopping", Map.of("main", application)).mainServlet("main").sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("stopping", parameters)).build(), store);
            Sipp.Server caller = Sipp.startClient(callerScenario, "u1", port, "-timeout", "15s");
            awaitByeRelayed(callee);

            container.undeploy("stopping");
            member.cache().stop(); // as WildFly stops the deployment's cache once the deployment is down

            Sipp.Result called = caller.await();
            Sipp.Result answered = callee.await();
            assertTrue(called.passed(), "the caller got the 200 to its BYE:\n" + called.output());
            assertTrue(answered.passed(), answered.output());
        }
    }

    private static void awaitByeRelayed(Sipp.Server callee) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (callee.messagesSoFar().contains("\nBYE sip:") || callee.messagesSoFar().contains("\r\nBYE sip:")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bridge did not relay the BYE:\n" + callee.messagesSoFar());
    }
}
