package org.wildfly.extras.sip.clustering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.Sipp;

/**
 * A distributable B2BUA behind the balancer, and the callee's 200 crosses the caller's CANCEL: the caller gets its 487,
 * the late 200 finds the caller's INVITE committed (the bridge checks {@code isCommitted()} and does not answer it
 * again), and the callee's leg, which the application left unacknowledged, is acknowledged and hung up.
 */
class CancelCrossingAnswerTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private BalancedCluster cluster;

    @AfterEach
    void stop() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    @Test
    void aLateTwoHundredIsNotRelayedAndItsCallEnds() throws Exception {
        this.cluster = new BalancedCluster("crossing", name -> new EarlyDialogFailoverTestCase.RingingBridge(name, this.events), "A", "B");
        Sipp.Server callee = Sipp.startServer("uas-answers-across-cancel.xml", "u1", "-timeout", "20s");
        Sipp.Result caller = Sipp.run("ringing-cancel-to-callee-uac.xml", "u1", this.cluster.balancerPort(), "-key", "callee_port", Integer.toString(callee.port()),
                "-timeout", "20s");
        Sipp.Result answered = callee.await();
        Thread.sleep(300);
        List<String> seen = new ArrayList<>();
        this.events.drainTo(seen);
        assertTrue(caller.passed(), "caller:\n" + caller.output() + "\n" + seen);
        assertTrue(seen.stream().noneMatch(event -> event.startsWith("relay failed")), "isCommitted() said what createResponse found: " + seen);
        assertTrue(answered.passed(), "the callee got its ACK and BYE:\n" + answered.output() + "\n" + seen);
    }
}
