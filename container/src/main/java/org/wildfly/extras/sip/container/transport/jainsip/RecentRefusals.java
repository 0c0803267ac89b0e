package org.wildfly.extras.sip.container.transport.jainsip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import gov.nist.javax.sip.message.SIPRequest;

import org.wildfly.extras.sip.container.transport.Refusal;

/**
 * The requests the transport refused statelessly in the last 64*T1, by top Via branch and method, so that a request sent
 * again gets the answer its first copy got. Screened again, a retransmission could be taken once the node was no longer
 * overloaded: the caller had its 503 and gave the call up, and the callee was then called for nobody (its phone rang,
 * its 200 never got an ACK). Bounded: under a flood the oldest are forgotten first.
 */
final class RecentRefusals {

    /** As long as a client sends a request again (RFC 3261 Timer B and F: 64*T1). */
    static final long REMEMBERED_NANOS = TimeUnit.SECONDS.toNanos(32);
    /** About a megabyte at most: a node refusing more than this in 32 s forgets the oldest. */
    static final int CAPACITY = 8192;

    /** A refusal as it was sent: the same status, reason and To tag for each copy. */
    record Sent(Refusal refusal, String toTag, long atNanos) {
    }

    private final LinkedHashMap<String, Sent> sent = new LinkedHashMap<>();
    private volatile boolean empty = true;

    /**
     * @param request a request the stack has no transaction for
     * @return how a copy of it was refused within 64*T1, or {@code null}
     */
    Sent find(SIPRequest request) {
        if (this.empty) {
            return null; // the usual case, without taking the lock
        }
        String key = key(request);
        if (key == null) {
            return null;
        }
        synchronized (this) {
            this.forgetExpired(System.nanoTime());
            return this.sent.get(key);
        }
    }

    /**
     * @param request a request just refused
     * @param refusal its answer
     * @param toTag the To tag the answer carried, or {@code null} if it had none
     */
    void remember(SIPRequest request, Refusal refusal, String toTag) {
        String key = key(request);
        if (key == null) {
            return; // an RFC 2543 branch names no transaction
        }
        long now = System.nanoTime();
        synchronized (this) {
            this.forgetExpired(now);
            if (this.sent.size() >= CAPACITY) {
                Iterator<String> eldest = this.sent.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            this.sent.put(key, new Sent(refusal, toTag, now));
            this.empty = false;
        }
    }

    /** @return how many refusals are remembered, for tests */
    synchronized int size() {
        return this.sent.size();
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Sent>> oldest = this.sent.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue().atNanos() > REMEMBERED_NANOS) {
            oldest.remove();
        }
        this.empty = this.sent.isEmpty();
    }

    private static String key(SIPRequest request) {
        String branch = JainSipStack.transactionBranch(request);
        return (branch != null) ? branch + ' ' + request.getMethod() : null;
    }
}
