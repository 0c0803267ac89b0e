package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.Refusal;
import org.wildfly.extras.sip.container.transport.SipTransport;

/**
 * Decides, per request and before the transport keeps any state for it, whether this node takes it. A new call is
 * refused with 503 and Retry-After (RFC 3261 §21.5.4) while the node's backlog is past its limit or the call rate past
 * its own; a balancer in front (Kamailio's dispatcher as we ship it) then tries the other node. The requests of calls in
 * progress are served: only a node whose servlet work reaches four times the limit refuses the ones that start more
 * work (re-INVITE, INFO, ...); ACK, BYE, CANCEL and PRACK are never refused.
 */
final class OverloadControl {

    private static final System.Logger LOGGER = System.getLogger(OverloadControl.class.getName());
    /** Long enough for a burst to drain, short enough that phones which honour it come back soon. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** A node at its limit flips between refusing and taking many times a second: the log says so once in ten seconds. */
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Requests never refused: they end a call or a transaction, or acknowledge an answer. */
    private static final Set<String> ENDING_METHODS = Set.of("ACK", "BYE", "CANCEL", "PRACK");
    /** How many times max-queued-messages of servlet work make a node refuse requests of calls in progress too. */
    static final int IN_DIALOG_FACTOR = 4;

    private final OverloadLimits limits;
    private final SerialExecutor executor;
    private final SipTransport transport;
    private final long callIntervalNanos;
    private final LongAdder refused = new LongAdder();
    private final AtomicBoolean overloaded = new AtomicBoolean();
    private long nextCallDueNanos = System.nanoTime(); // the call rate's schedule (generic cell rate algorithm)
    private volatile boolean reportedRefusing;
    private long lastReportNanos = System.nanoTime() - REPORT_INTERVAL_NANOS;
    private long refusedAtReport;

    OverloadControl(OverloadLimits limits, SerialExecutor executor, SipTransport transport) {
        this.limits = limits;
        this.executor = executor;
        this.transport = transport;
        this.callIntervalNanos = (limits.maxCallRate() > 0) ? TimeUnit.SECONDS.toNanos(1) / limits.maxCallRate() : 0;
    }

    Refusal screen(RawRequest request) {
        String method = request.method();
        if (ENDING_METHODS.contains(method)) {
            return null; // they end work rather than start it, and an ACK lost ends a call
        }
        String reason;
        if (isInitial(request)) {
            int queued = this.queuedMessages();
            if (this.pastQueueLimit(queued)) {
                reason = "overloaded";
            } else if (this.callIntervalNanos > 0 && !this.takeCallSlot()) {
                reason = "call rate limit";
            } else {
                this.leaveOverload(queued);
                return null;
            }
        } else if (this.executor.queuedTasks() >= IN_DIALOG_FACTOR * (long) this.limits.maxQueuedMessages()) {
            // the work of calls already taken grows with them, and new calls are refused long before this: only a node
            // whose servlets have stalled gets here, and then a re-INVITE or an INFO is refused rather than queued
            reason = "overloaded";
        } else {
            return null;
        }
        this.refused.increment();
        this.enterOverload(this.queuedMessages(), reason);
        return new Refusal(503, "Service Unavailable (" + reason + ")", RETRY_AFTER_SECONDS);
    }

    /**
     * Past the limit, new calls are refused until the backlog is down to three quarters of it: taking one call each
     * time a message leaves the queue would keep the node at its limit, its latency at its worst.
     */
    private boolean pastQueueLimit(int queued) {
        if (queued >= this.limits.maxQueuedMessages()) {
            this.overloaded.set(true);
            return true;
        }
        return this.overloaded.get() && queued > this.limits.maxQueuedMessages() * 3 / 4;
    }

    /** @return the messages received and not yet fully handled */
    int queuedMessages() {
        return this.executor.queuedTasks() + this.transport.backlog();
    }

    /** @return the requests refused since start */
    long refusedRequests() {
        return this.refused.sum();
    }

    /** Takes the next slot of the call rate, allowing a burst of one second's worth. */
    private synchronized boolean takeCallSlot() {
        long now = System.nanoTime();
        long due = Math.max(this.nextCallDueNanos, now);
        if (due - now > TimeUnit.SECONDS.toNanos(1) - this.callIntervalNanos) {
            return false;
        }
        this.nextCallDueNanos = due + this.callIntervalNanos;
        return true;
    }

    /** Says so when the node starts refusing, at most once per {@link #REPORT_INTERVAL_NANOS}. */
    private synchronized void enterOverload(int queued, String reason) {
        long now = System.nanoTime();
        if (!this.reportedRefusing && now - this.lastReportNanos >= REPORT_INTERVAL_NANOS) {
            this.reportedRefusing = true;
            this.lastReportNanos = now;
            this.refusedAtReport = this.refused.sum() - 1;
            LOGGER.log(Level.WARNING, "SIP node refuses new calls with 503 ({0}): {1} messages queued, limit {2} (max-queued-messages), call rate limit {3}/s"
                    + " (max-call-rate, 0: none)", reason, Integer.toString(queued), Integer.toString(this.limits.maxQueuedMessages()), Integer.toString(this.limits.maxCallRate()));
        }
    }

    /** Says so when the node takes calls again after it said it refused them. */
    private void leaveOverload(int queued) {
        this.overloaded.set(false);
        if (this.reportedRefusing) {
            synchronized (this) {
                if (this.reportedRefusing) {
                    this.reportedRefusing = false;
                    LOGGER.log(Level.WARNING, "SIP node takes new calls again ({0} messages queued); {1} requests were refused since it said it refused them",
                            Integer.toString(queued), Long.toString(this.refused.sum() - this.refusedAtReport));
                }
            }
        }
    }

    /** A request that starts something new: no To tag (RFC 3261 §12.2), and not ACK or CANCEL. */
    static boolean isInitial(RawRequest request) {
        try {
            return Dialogs.tag(request.headers(), HeaderNames.TO) == null;
        } catch (SyntaxException e) {
            return false; // malformed: taken, to get its 400
        }
    }
}
