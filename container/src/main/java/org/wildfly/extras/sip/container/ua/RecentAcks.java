package org.wildfly.extras.sip.container.ua;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * The ACKs of 2xx responses this node saw or sent in the last 64*T1, after which no 2xx retransmission comes
 * (RFC 3261 §13.2.2.4, §13.3.1.4). Node-local, like the transactions they outlive.
 */
public final class RecentAcks {

    private static final System.Logger LOGGER = System.getLogger(RecentAcks.class.getName());
    private static final long REMEMBERED_SECONDS = 32;

    private final ScheduledExecutorService scheduler;
    private final Map<String, RawRequest> sent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> received = new ConcurrentHashMap<>();

    /** @param scheduler forgets each ACK when its time is up */
    public RecentAcks(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Keeps an ACK this node sent, to send it again if its 2xx comes again.
     * @param callId the dialog's Call-ID
     * @param sequence the CSeq number of the INVITE it acknowledges
     * @param ack the ACK as sent
     */
    public void sent(String callId, long sequence, RawRequest ack) {
        String key = callId + ' ' + sequence;
        this.sent.put(key, ack);
        this.forgetLater(() -> this.sent.remove(key));
    }

    /**
     * @param callId a 2xx's Call-ID
     * @param sequence its CSeq number
     * @return the ACK this node sent for it, or {@code null} if none (yet)
     */
    public RawRequest sentFor(String callId, long sequence) {
        return this.sent.get(callId + ' ' + sequence);
    }

    /**
     * Tells the first ACK of a 2xx from the ones a UAC sends again when that 2xx came twice (a retransmission crossing
     * its ACK): the application sees an ACK once.
     * @param key Call-ID, tag and CSeq number of the ACK
     * @return whether this is the first ACK with that key
     */
    public boolean firstReceived(String key) {
        if (this.received.putIfAbsent(key, Boolean.TRUE) != null) {
            LOGGER.log(Level.DEBUG, "ACK {0} again: not delivered twice", key);
            return false;
        }
        this.forgetLater(() -> this.received.remove(key));
        return true;
    }

    private void forgetLater(Runnable forget) {
        try {
            this.scheduler.schedule(forget, REMEMBERED_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            forget.run(); // the container stops: nothing comes later
        }
    }
}
