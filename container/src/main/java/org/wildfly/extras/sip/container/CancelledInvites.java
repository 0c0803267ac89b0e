package org.wildfly.extras.sip.container;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * The INVITEs this node sent for applications and then cancelled, until their final response: a 2xx that crossed the
 * CANCEL is then known as such. Kept by the INVITE's transaction (Call-ID and top Via, which its CANCEL repeats, RFC
 * 3261 §9.1), not on the request object: a distributable application's sessions, and the INVITE with them, are rebuilt
 * for each message, so a mark on the object the application cancelled would not be the one the response finds.
 */
final class CancelledInvites {

    /** How long a cancelled INVITE is remembered without a final response: Timer B, 64*T1 of the default T1, and more. */
    private static final long FORGET_AFTER_NANOS = 64_000_000_000L;

    private final Map<String, Long> sent = new ConcurrentHashMap<>();

    /** @param cancel a CANCEL an application sends */
    void cancelSent(RawRequest cancel) {
        long now = System.nanoTime();
        if (this.sent.size() > 1000) {
            for (Iterator<Long> times = this.sent.values().iterator(); times.hasNext();) {
                if (now - times.next() > FORGET_AFTER_NANOS) {
                    times.remove(); // the INVITE's answer never came here (its node took it over, say)
                }
            }
        }
        this.sent.put(key(cancel), now);
    }

    /**
     * Forgets an INVITE once its final response came.
     * @param invite the INVITE
     * @return whether the application had cancelled it
     */
    boolean answered(RawRequest invite) {
        return this.sent.remove(key(invite)) != null;
    }

    private static String key(RawRequest request) {
        return request.callId() + '\n' + request.headers().first(HeaderNames.VIA);
    }
}
