package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.StoppedJvm;

/** The watch sees this JVM stopped (SIGSTOP, as a long stop-the-world collection stops it), and forgets it soon after. */
class PauseWatchTestCase {

    @Test
    void aStopIsSeenWhenTheJvmRunsAgainAndForgottenSoonAfter() throws Exception {
        try (PauseWatch watch = new PauseWatch("test")) {
            assertTrue(eventually(() -> !watch.justResumed()), "a JVM that runs is not taken for one that stood");
            StoppedJvm.sendWhileStopped(List.of(), 0, 800);
            assertTrue(watch.justResumed(), "the JVM stood a second");
            assertTrue(eventually(() -> !watch.justResumed()), "the pause is forgotten once its grace has passed");
        }
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
