package org.wildfly.extras.sip.container.transport.jainsip;

import java.lang.System.Logger.Level;
import java.util.Properties;

import gov.nist.core.StackLogger;

import org.wildfly.extras.sip.container.transport.BadInputLog;

/**
 * Sends JAIN-SIP's stack log to {@link System.Logger}, so that the stack needs no log4j.
 * The stack reports what its peers get wrong as errors, often with the message (even a datagram as a list of numbers)
 * and a stack trace: a peer could fill the disk. So each error or warning becomes one line of at most 160 characters,
 * without the numbers, within the budget of {@link BadInputLog} (ten lines a minute); stack traces go to DEBUG only.
 * The stack instantiates it by name (property {@code gov.nist.javax.sip.STACK_LOGGER}).
 */
public class JainSipStackLogger implements StackLogger {

    private static final System.Logger LOGGER = System.getLogger("org.wildfly.extras.sip.jainsip");
    // how the stack's BlockingQueueDispatchAuditor starts its report
    private static final String CONGESTION_DROP = "Removed stuck messages";
    private static final BadInputLog BUDGET = new BadInputLog(LOGGER, BadInputLog.DEFAULT_LINES, BadInputLog.DEFAULT_INTERVAL, System::nanoTime);
    // the stack's dumps of received bytes, "[83, 73, 80, ...]"
    private static final java.util.regex.Pattern BYTE_LIST = java.util.regex.Pattern.compile("\\[-?\\d+(?:,\\s*-?\\d+)*.*");

    // how often a running stack looks at the logger's levels again (refresher): a level an operator changes with the CLI
    // takes effect within this time
    static final long REFRESH_MILLIS = 1000;
    // what the logger answered for WARNING, DEBUG and TRACE. The stack asks dozens of times for each message, from the
    // parsing thread and the servlet threads: the answer is only read here, and written by a stack timer (a counter of
    // questions that every asking thread wrote made the question itself 7% of the parsing thread at 800 calls/s)
    private static volatile boolean[] loggable = levels();
    // a defect's stack trace is logged once a minute at most (tracedDefect)
    private static final long TRACE_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private final java.util.concurrent.atomic.AtomicLong lastTrace = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - TRACE_INTERVAL_NANOS);

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        this.report(null, ex);
    }

    @Override
    public void logDebug(String message) {
        LOGGER.log(Level.DEBUG, message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOGGER.log(Level.DEBUG, message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOGGER.log(Level.TRACE, message);
    }

    @Override
    public void logFatalError(String message) {
        this.report(message, null);
    }

    @Override
    public void logError(String message) {
        // The stack reports peers' faults (bad messages, closed connections) as errors; they are not ours.
        this.report(message, null);
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return enabled(level(logLevel));
    }

    private static boolean enabled(Level level) {
        return loggable[(level == Level.WARNING) ? 0 : (level == Level.DEBUG) ? 1 : 2];
    }

    private static boolean[] levels() {
        return new boolean[] { LOGGER.isLoggable(Level.WARNING), LOGGER.isLoggable(Level.DEBUG), LOGGER.isLoggable(Level.TRACE) };
    }

    /** Looks at the logger's levels again: a level changed since takes effect. */
    static void refresh() {
        loggable = levels();
    }

    /** Has a started stack's timer look at the logger's levels every {@link #REFRESH_MILLIS}, until the stack stops. */
    static void refreshWhileRunning(gov.nist.javax.sip.stack.timers.SipTimer timer) {
        timer.scheduleWithFixedDelay(new StackTimerTask(JainSipStackLogger::refresh), REFRESH_MILLIS, REFRESH_MILLIS);
    }

    @Override
    public void logError(String message, Exception ex) {
        this.report(message, ex);
    }

    /** @return whether a defect's stack trace may be logged now: the first in a minute */
    private boolean tracedDefect() {
        long now = System.nanoTime();
        long last = this.lastTrace.get();
        return now - last >= TRACE_INTERVAL_NANOS && this.lastTrace.compareAndSet(last, now);
    }

    /** One short line within the budget (a defect: its stack trace, once a minute); the whole text and the stack trace at DEBUG. */
    private void report(String message, Throwable failure) {
        if (failure instanceof GuardedTcpProcessor.ConnectionRefused) {
            return; // logged where it was decided
        }
        if (LOGGER.isLoggable(Level.DEBUG)) {
            LOGGER.log(Level.DEBUG, message, failure);
        }
        String text = (message != null) ? message.lines().findFirst().orElse("") : "";
        text = BYTE_LIST.matcher(text).replaceFirst("");
        if (failure instanceof RuntimeException && !LOGGER.isLoggable(Level.DEBUG) && this.tracedDefect()) {
            // not a peer's fault but a defect (ours or the stack's): where it happened, once a minute at most
            LOGGER.log(Level.WARNING, "SIP stack: " + BadInputLog.oneLine(text.isEmpty() ? "failure" : text), failure);
            return;
        }
        if (failure != null) {
            text = text.isEmpty() ? failure.toString() : text + " (" + failure + ")";
        }
        BUDGET.log("SIP stack: " + BadInputLog.oneLine(text));
    }

    @Override
    public void logWarning(String message) {
        if (message != null && message.startsWith(CONGESTION_DROP)) {
            // its congestion control: datagrams that waited too long for the stack's parser are thrown away. Requests
            // come again, but an ACK of a 2xx does not, and its call is left unacknowledged: an operator must know
            LOGGER.log(Level.WARNING, "The SIP stack dropped received messages that waited more than its congestion control timeout"
                    + " (8 s) to be parsed: this node is overloaded, and calls whose ACK was among them stay unacknowledged ({0})", message);
            return;
        }
        // The stack's other warnings describe its defaults (TLS policy, key stores) at every start: not news to an operator.
        LOGGER.log(Level.DEBUG, message);
    }

    @Override
    public void logInfo(String message) {
        LOGGER.log(Level.DEBUG, message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOGGER.getName();
    }

    private static Level level(int traceLevel) {
        if (traceLevel <= TRACE_WARN) {
            return Level.WARNING; // the stack asks before it warns (see logWarning)
        }
        if (traceLevel <= TRACE_INFO) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
