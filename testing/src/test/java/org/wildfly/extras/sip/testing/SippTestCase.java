package org.wildfly.extras.sip.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Two real sipps, one calling the other: the report counts what happened, successes and failures. */
class SippTestCase {

    @Test
    void callsAnsweredAreCountedSuccessful() throws Exception {
        try (SippProcess phone = Sipp.server().builtIn("uas").calls(3).start()) {
            SippReport caller = Sipp.client("127.0.0.1:" + phone.port()).builtIn("uac").calls(3).rate(20).run(Duration.ofSeconds(30));
            assertTrue(caller.passed(), caller.toString());
            assertEquals(3, caller.successfulCalls(), caller.toString());
            assertEquals(0, caller.failedCalls(), caller.toString());
            SippReport answered = phone.await(Duration.ofSeconds(30));
            assertEquals(3, answered.successfulCalls(), answered.toString());
            assertTrue(answered.output().contains("INVITE sip:"), "the report shows the messages: " + answered.output());
        }
    }

    @Test
    void callsNobodyAnswersAreCountedFailed() throws Exception {
        int nobody = Sipp.freePort();
        SippReport caller = Sipp.client("127.0.0.1:" + nobody).builtIn("uac").calls(2).rate(20).options("-recv_timeout", "1000").run(Duration.ofSeconds(30));
        assertFalse(caller.passed(), caller.toString());
        assertEquals(0, caller.successfulCalls(), caller.toString());
        assertEquals(2, caller.failedCalls(), caller.toString());
    }

    @Test
    void aServerStillRunningAtTheDeadlineIsKilledAndSaysSo() throws Exception {
        try (SippProcess phone = Sipp.server().builtIn("uas").start()) {
            SippReport report = phone.await(Duration.ofMillis(500));
            assertEquals(-1, report.exitCode(), report.toString());
            assertFalse(report.passed());
        }
    }
}
