package org.wildfly.extras.sip.container.ua;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reliable provisional responses a UAS sent (RFC 3262 §3): each is sent again at T1, 2*T1, 4*T1… until its PRACK
 * comes, the INVITE gets its final response, or 64*T1 passes (then the UAS core is told, once). Node-local, as the INVITE's
 * server transaction is.
 */
public final class ReliableProvisionals {

    private static final System.Logger LOGGER = System.getLogger(ReliableProvisionals.class.getName());

    /** A reliable provisional response: its dialog (Call-ID and our tag) and its RSeq. */
    public record Key(String callId, String localTag, long rseq) {
    }

    /** What a PRACK matches. */
    public enum Match {
        /** the reliable provisional response it acknowledges, which is sent no more */
        ACKNOWLEDGED,
        /** none: a reliable provisional response of its dialog waits for another RAck (RFC 3262 §3: 481) */
        NO_MATCH,
        /** this node sent no reliable provisional response in its dialog that waits (another node did, or it is late) */
        UNKNOWN
    }

    /** Sends a response again. */
    @FunctionalInterface
    public interface Resend {
        void resend() throws java.io.IOException;
    }

    private final ScheduledExecutorService scheduler;
    private final Duration t1;
    private final Map<Key, Retransmission> pending = new ConcurrentHashMap<>();

    public ReliableProvisionals(ScheduledExecutorService scheduler, Duration t1) {
        this.scheduler = scheduler;
        this.t1 = t1;
    }

    /**
     * Starts the retransmissions of a reliable provisional response that was just sent.
     * @param key its dialog and RSeq
     * @param resend sends it again
     * @param unacknowledged called once if no PRACK comes within 64*T1
     */
    public void start(Key key, Resend resend, Runnable unacknowledged) {
        Retransmission retransmission = new Retransmission(key, resend, unacknowledged, System.nanoTime() + this.t1.toNanos() * 64);
        this.pending.put(key, retransmission);
        retransmission.schedule(this.t1.toNanos());
    }

    /**
     * @param callId the PRACK's Call-ID
     * @param localTag its To tag (ours)
     * @param rseq the RSeq its RAck names
     * @return what it matches; a match stops that response's retransmissions
     */
    public Match prack(String callId, String localTag, long rseq) {
        Retransmission acknowledged = this.pending.remove(new Key(callId, localTag, rseq));
        if (acknowledged != null) {
            acknowledged.stop();
            return Match.ACKNOWLEDGED;
        }
        boolean waiting = this.pending.keySet().stream().anyMatch(key -> key.callId().equals(callId) && key.localTag().equals(localTag));
        return waiting ? Match.NO_MATCH : Match.UNKNOWN;
    }

    /** Stops the retransmissions of a dialog's reliable provisional responses: the INVITE got its final response. */
    public void finalResponseSent(String callId, String localTag) {
        this.pending.values().removeIf(retransmission -> {
            boolean ofDialog = retransmission.key.callId().equals(callId) && retransmission.key.localTag().equals(localTag);
            if (ofDialog) {
                retransmission.stop();
            }
            return ofDialog;
        });
    }

    /** @return how many reliable provisional responses wait for their PRACK */
    public int pendingCount() {
        return this.pending.size();
    }

    private final class Retransmission implements Runnable {
        private final Key key;
        private final Resend resend;
        private final Runnable unacknowledged;
        private final long deadline;
        private volatile long interval;
        private volatile ScheduledFuture<?> next;
        private volatile boolean stopped;

        Retransmission(Key key, Resend resend, Runnable unacknowledged, long deadline) {
            this.key = key;
            this.resend = resend;
            this.unacknowledged = unacknowledged;
            this.deadline = deadline;
        }

        void schedule(long interval) {
            this.interval = interval;
            this.next = ReliableProvisionals.this.scheduler.schedule(this, interval, TimeUnit.NANOSECONDS);
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
            if (System.nanoTime() - this.deadline >= 0) {
                if (ReliableProvisionals.this.pending.remove(this.key, this)) {
                    this.unacknowledged.run();
                }
                return;
            }
            try {
                this.resend.resend();
            } catch (java.io.IOException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Cannot send again the reliable provisional response {0} of Call-ID {1}: {2}", this.key.rseq(), this.key.callId(), e.toString());
            }
            this.schedule(Math.min(this.interval * 2, this.deadline - System.nanoTime()));
        }
    }
}
