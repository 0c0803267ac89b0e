package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import gov.nist.core.StackLogger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stack's log reaches ours at the right level: its congestion control throwing away received messages is a
 * warning an operator sees (it lost callers' ACKs under overload, silently), its other warnings are not.
 */
class JainSipStackLoggerTestCase {

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.wildfly.extras.sip.jainsip");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                JainSipStackLoggerTestCase.this.warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        this.logger.addHandler(this.handler);
    }

    @AfterEach
    void stopListening() {
        this.logger.removeHandler(this.handler);
    }

    @Test
    void congestionDropsAreWarnings() {
        JainSipStackLogger stackLogger = new JainSipStackLogger();
        // what the stack's BlockingQueueDispatchAuditor does with messages older than its timeout
        assertTrue(stackLogger.isLoggingEnabled(StackLogger.TRACE_WARN), "the stack only warns when asked to");
        stackLogger.logWarning("Removed stuck messages=1167 total rejected=1167 stil in queue=6709");
        assertEquals(1, this.warnings.size(), this.warnings.toString());
        assertTrue(String.valueOf(this.warnings.get(0).getParameters()[0]).contains("Removed stuck messages=1167"));
    }

    @Test
    void otherStackWarningsAreNotNews() {
        new JainSipStackLogger().logWarning("TLS Client Authentication is Default");
        assertEquals(List.of(), this.warnings);
    }

    /**
     * An exception the stack caught on a message that is not a peer's fault (a NullPointerException in its transaction
     * layer) is a defect: logged with where it happened, once a minute at most; in between, one short line each.
     */
    @Test
    void aDefectIsLoggedWithItsStackTraceOnceAMinute() {
        JainSipStackLogger stackLogger = new JainSipStackLogger();
        stackLogger.logError("Error while processing incoming UDP packet[83, 73, 80]", new NullPointerException("Cannot invoke getStatusCode()"));
        stackLogger.logError("Error while processing incoming UDP packet[83, 73, 80]", new NullPointerException("again"));
        assertEquals(2, this.warnings.size(), this.warnings.toString());
        assertTrue(this.warnings.get(0).getThrown() instanceof NullPointerException, "the trace is logged");
        assertFalse(this.warnings.get(0).getMessage().contains("83, 73"), "not the datagram's bytes: " + this.warnings.get(0).getMessage());
        assertEquals(null, this.warnings.get(1).getThrown(), "the second within the minute: a short line");
    }

    @Test
    void aLevelChangedWhileTheStackRunsTakesEffect() throws Exception {
        JainSipStackLogger stackLogger = new JainSipStackLogger();
        Level before = this.logger.getLevel();
        this.logger.setLevel(Level.INFO);
        JainSipStackLogger.refresh();
        try (JainSipTransport running = JainSipTransport.start("logger-refresh", List.of(), new IgnoringHandler())) {
            assertFalse(stackLogger.isLoggingEnabled(StackLogger.TRACE_INFO));
            this.logger.setLevel(Level.FINE); // DEBUG, as an operator sets it with the CLI
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(3 * JainSipStackLogger.REFRESH_MILLIS);
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                seen = stackLogger.isLoggingEnabled(StackLogger.TRACE_INFO);
                Thread.sleep(20);
            }
            assertTrue(seen, "the stack's debug log starts within " + JainSipStackLogger.REFRESH_MILLIS + " ms, the running stack's timer looks again");
            assertFalse(stackLogger.isLoggingEnabled(StackLogger.TRACE_TRACE));
        } finally {
            this.logger.setLevel(before);
            JainSipStackLogger.refresh();
        }
    }
}
