package org.wildfly.extras.sip.container.ua;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.SipTransport;

/**
 * Retransmits a UAS's 2xx to INVITE until the ACK arrives (RFC 3261 §13.3.1.4): after T1, then doubling up to T2,
 * for at most 64*T1; then it reports the 2xx as unacknowledged. The stack's dialog layer, switched off, would have done
 * it; over UDP nothing else does. Over a reliable transport it only waits the 64*T1 (the transport does not lose the 2xx).
 * It keeps only node-local timers: a node that takes a call over has no 2xx left to retransmit or wait for.
 */
public final class SuccessRetransmitter {

    private static final System.Logger LOGGER = System.getLogger(SuccessRetransmitter.class.getName());

    /** Which 2xx an ACK acknowledges: same Call-ID, same To tag (ours), same CSeq number. */
    public record Key(String callId, String localTag, long sequence) {
    }

    private final SipTransport transport;
    private final ScheduledExecutorService scheduler;
    private final Duration t1;
    private final Duration t2;
    private final Map<Key, Retransmission> pending = new ConcurrentHashMap<>();

    /**
     * @param transport sends the retransmissions
     * @param scheduler runs the timers
     * @param t1 RFC 3261's T1, 500 ms by default
     * @param t2 RFC 3261's T2, 4 s by default
     */
    public SuccessRetransmitter(SipTransport transport, ScheduledExecutorService scheduler, Duration t1, Duration t2) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.t1 = t1;
        this.t2 = t2;
    }

    /**
     * Starts retransmitting a 2xx that was just sent, or only waiting for its ACK.
     * @param key what its ACK will carry
     * @param response the 2xx, as sent
     * @param retransmit whether to send it again (over UDP); over a reliable transport only the wait runs
     * @param timeout called once if no ACK comes within 64*T1: the session should then be ended with a BYE
     * @param acknowledgedElsewhere asked before each retransmission: whether another node took the ACK (the balancer may
     *        send a call's ACK to a node other than the one its INVITE reached); retransmitting then stops, quietly
     */
    public void start(Key key, RawResponse response, boolean retransmit, Consumer<Key> timeout, BooleanSupplier acknowledgedElsewhere) {
        long wait = this.t1.toNanos() * 64;
        Retransmission retransmission = new Retransmission(key, retransmit ? response : null, System.nanoTime() + wait, timeout, acknowledgedElsewhere);
        Retransmission replaced = this.pending.put(key, retransmission);
        if (replaced != null) {
            replaced.stop(); // the same 2xx sent again by the application: one wait is enough
        }
        retransmission.schedule(retransmit ? this.t1.toNanos() : wait);
    }

    /**
     * Stops the retransmissions an ACK answers.
     * @param key the ACK's Call-ID, To tag and CSeq number
     * @return whether a 2xx was waiting for it
     */
    public boolean acknowledged(Key key) {
        Retransmission retransmission = this.pending.remove(key);
        if (retransmission == null) {
            return false;
        }
        retransmission.stop();
        return true;
    }

    /** @return how long a 2xx waits for its ACK: 64*T1 */
    public Duration ackWait() {
        return this.t1.multipliedBy(64);
    }

    /** @return the number of 2xx still waiting for their ACK */
    public int pendingCount() {
        return this.pending.size();
    }

    /** One 2xx and its timer; the timer re-arms itself with a doubled interval. */
    private final class Retransmission implements Runnable {
        private final Key key;
        // null over a reliable transport: nothing to send again, only the deadline
        private final RawResponse response;
        private final long deadline;
        private final Consumer<Key> timeout;
        private final BooleanSupplier acknowledgedElsewhere;
        private volatile long interval;
        private volatile ScheduledFuture<?> next;
        private volatile boolean stopped;

        Retransmission(Key key, RawResponse response, long deadline, Consumer<Key> timeout, BooleanSupplier acknowledgedElsewhere) {
            this.key = key;
            this.response = response;
            this.deadline = deadline;
            this.timeout = timeout;
            this.acknowledgedElsewhere = acknowledgedElsewhere;
        }

        void schedule(long interval) {
            this.interval = interval;
            this.next = SuccessRetransmitter.this.scheduler.schedule(this, interval, TimeUnit.NANOSECONDS);
            if (this.stopped) {
                this.next.cancel(false);
            }
        }

        void stop() {
            this.stopped = true;
            ScheduledFuture<?> next = this.next;
            if (next != null) {
                next.cancel(false);
            }
        }

        @Override
        public void run() {
            if (this.stopped) {
                return;
            }
            long left = this.deadline - System.nanoTime();
            if (left <= 0 || this.response == null) {
                if (SuccessRetransmitter.this.pending.remove(this.key, this)) {
                    this.timeout.accept(this.key);
                }
                return;
            }
            if (this.acknowledgedElsewhere.getAsBoolean()) {
                SuccessRetransmitter.this.pending.remove(this.key, this);
                LOGGER.log(Level.DEBUG, "2xx for {0} acknowledged on another node: not sent again", this.key);
                return;
            }
            try {
                SuccessRetransmitter.this.transport.sendStateless(this.response);
            } catch (IOException e) {
                LOGGER.log(Level.DEBUG, "2xx retransmission for {0} failed: {1}", this.key, e.getMessage());
            }
            // the last wait ends at the deadline, so the BYE follows 64*T1 after the 2xx, not up to T2 later
            this.schedule(Math.min(Math.min(this.interval * 2, SuccessRetransmitter.this.t2.toNanos()), left));
        }
    }
}
