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
     * Keeps an ACK this node sent or forwarded, to send the same again when its 2xx, or the ACK it forwarded, comes again.
     * @param key what names the ACK (its Call-ID and CSeq number, say)
     * @param ack the ACK as sent
     */
    public void sent(String key, RawRequest ack) {
        this.sent.put(key, ack);
        this.forgetLater(() -> this.sent.remove(key));
    }

    /**
     * @param key what names the ACK
     * @return the ACK this node sent under that key, or {@code null} if none (yet)
     */
    public RawRequest sentFor(String key) {
        return this.sent.get(key);
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
