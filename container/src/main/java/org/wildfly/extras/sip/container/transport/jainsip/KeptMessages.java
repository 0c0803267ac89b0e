package org.wildfly.extras.sip.container.transport.jainsip;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.wildfly.extras.sip.container.transport.RawMessage;

/**
 * Settles ({@link RawMessage#settle()}) the messages the container still keeps a while after the stack let their
 * transaction go (a response, a while after it was read and relayed): a call keeps its INVITE and final response for
 * its whole length, and they should cost their text
 * only, not the stack's parsed headers. Settling writes the text of every field nobody read, so it is done only for the
 * messages that are still kept a sweep or two later (those the container dropped are gone from the weak references by
 * then), on a thread of its own rather than the one that parses every datagram.
 */
final class KeptMessages implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(KeptMessages.class.getName());
    static final long SWEEP_MILLIS = 2000;

    private final Queue<Reference<RawMessage>> released = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper;
    // the messages of the last sweep: settled at the next one if still kept (young collections come many times a second)
    private List<Reference<RawMessage>> waiting = List.of();

    KeptMessages(String stackName) {
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, stackName + "-kept-messages");
            thread.setDaemon(true);
            return thread;
        });
        this.sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The stack let the message go: settle it later if the container keeps it. */
    void released(RawMessage message) {
        this.released.add(new WeakReference<>(message));
    }

    void sweep() {
        for (Reference<RawMessage> reference : this.waiting) {
            RawMessage message = reference.get();
            if (message != null) {
                try {
                    message.settle();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.DEBUG, "Cannot settle a kept message: " + e, e);
                }
            }
        }
        List<Reference<RawMessage>> next = new ArrayList<>();
        for (Reference<RawMessage> reference = this.released.poll(); reference != null; reference = this.released.poll()) {
            next.add(reference);
        }
        this.waiting = next;
    }

    @Override
    public void close() {
        this.sweeper.shutdownNow();
    }
}
