package org.wildfly.extras.sip.container.transport.jainsip;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells whether this JVM was stopped a moment ago: a stop-the-world garbage collection, a SIGSTOP, a host that did not
 * schedule it. When it runs again, the stack's timer catches up on every retransmission that fell due while it stood,
 * at once, while the answers that arrived meanwhile still wait in the kernel's receive buffer, not yet read: without
 * this, a node paused longer than Timer A sent its INVITEs again to callees that had answered them
 * ({@link UnparsedResponses} covers the answers once read). A thread wakes every {@link #BEAT_NANOS}; a wake much later
 * than asked, or none for that long, is a pause, and retransmissions wait {@link #GRACE_NANOS} after it, long enough
 * for the receiving thread to read what the kernel kept.
 */
final class PauseWatch implements AutoCloseable {

    static final long BEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Later than this past a beat: the JVM did not run. Above the scheduling jitter of a busy node. */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final Thread watcher;
    private volatile boolean closed;
    private volatile long lastBeat;
    private volatile long resumedAt;

    PauseWatch(String name) {
        long now = System.nanoTime();
        this.lastBeat = now;
        this.resumedAt = now - 2 * GRACE_NANOS;
        this.watcher = new Thread(this::watch, "SIP-pause-watch-" + name);
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /** @return whether the JVM stands or has just run again after standing longer than {@link #LATE_NANOS} */
    boolean justResumed() {
        long now = System.nanoTime();
        return now - this.lastBeat > BEAT_NANOS + LATE_NANOS || now - this.resumedAt < GRACE_NANOS;
    }

    private void watch() {
        long last = System.nanoTime();
        while (!this.closed) {
            LockSupport.parkNanos(BEAT_NANOS);
            long now = System.nanoTime();
            if (now - last > BEAT_NANOS + LATE_NANOS) {
                this.resumedAt = now;
            }
            last = now;
            this.lastBeat = now;
        }
    }

    @Override
    public void close() {
        this.closed = true;
        LockSupport.unpark(this.watcher);
    }
}
