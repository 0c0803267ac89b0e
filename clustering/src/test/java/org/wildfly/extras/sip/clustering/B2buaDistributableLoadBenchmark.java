package org.wildfly.extras.sip.clustering;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SippLoad;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The sample B2BUA as a distributable application (sessions on a two-member Infinispan cluster in this JVM) on a node
 * that has just started, under a sipp load over UDP: a caller sipp, a callee sipp that wants the ACK of its 200 before
 * the BYE. Prints the calls each side counted and the failed ones. Not run by the build (no *TestCase name); run it with
 * {@code mvn -pl clustering test -Dtest=B2buaDistributableLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Db2bua.calls=500 -Db2bua.rate=50 -Db2bua.hold=500} change the load).
 */
class B2buaDistributableLoadBenchmark {

    // the container's warnings for a 2xx nobody acknowledged (MissingAcks); held, so that the handler added stays
    private static final Logger UNACKNOWLEDGED_LOGGER = Logger.getLogger("org.wildfly.extras.sip.container.MissingAcks");

    private static final int CALLS = Integer.getInteger("b2bua.calls", 500);
    private static final int RATE = Integer.getInteger("b2bua.rate", 50);
    private static final int HOLD = Integer.getInteger("b2bua.hold", 500);

    @Test
    void distributableBridgeRightAfterStart() throws Exception {
        AtomicInteger unacknowledged = new AtomicInteger();
        UNACKNOWLEDGED_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("No ACK for the 2xx")) {
                    unacknowledged.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        int port = FreePorts.udpAndTcp();
        SippLoad callee = SippLoad.answering("b2bua-load-uas.xml", CALLS);
        try (ClusterNode a = new ClusterNode("b2bua-a"); ClusterNode b = new ClusterNode("b2bua-b");
                InfinispanSipSessionStore store = BalancedCluster.store(a, "bridge");
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 4))) {
            container.deploy(SipApplicationDefinition.builder("bridge", Map.of("bridge", new CallBridge())).mainServlet("bridge")
                    .sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("bridge", Map.of("bridge.target", "sip:callee@127.0.0.1:" + callee.port()))).build(), store);
            SippLoad.Counts caller = SippLoad.calling("b2bua-load-uac.xml", port, CALLS, RATE, HOLD).await(CALLS / RATE + 90);
            SippLoad.Counts answered = callee.await(40);
            Thread.sleep(33_000); // the container gives up a 2xx without ACK 64*T1 after sending it
            System.out.printf(Locale.ROOT, "%n==== distributable B2BUA just started: %d calls at %d calls/s, hold %d ms ====%n"
                    + "caller: %d successful, %d failed%ncallee: %d successful, %d failed%n2xx without ACK (container): %d%n",
                    CALLS, RATE, HOLD, caller.successful(), caller.failed(), answered.successful(), answered.failed(), unacknowledged.get());
            System.out.println("callee's errors (" + answered.work() + "), first lines:\n" + String.join("\n", answered.errors().lines().limit(20).toList()));
        }
    }
}
