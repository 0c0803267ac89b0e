package org.wildfly.extras.sip.container.transport.jainsip;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transactions whose answer this node has received over UDP and not parsed yet, by the branch of the answer's top Via.
 * A client transaction whose answer is here does not send its request again ({@link JainSipStack}): RFC 3261's Timer A
 * and E resend a request that got no response, and this one has its response, waiting behind others for the one parsing
 * thread. A node that falls half a second behind (a cold JVM, a garbage collection, a burst) otherwise sends its INVITE
 * again after the callee's 180 and 200 arrived, and phones as strict as sipp take an INVITE that comes again after they
 * answered it for a new message they do not expect and drop the call.
 */
final class UnparsedResponses {

    private static final byte[] RESPONSE_START = "SIP/2.0 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String BRANCH = ";branch=";

    private final ConcurrentHashMap<String, Integer> waiting = new ConcurrentHashMap<>();

    /**
     * @param branch a client transaction's branch, as its request's top Via has it
     * @return whether a response with that branch was received and waits to be parsed
     */
    boolean waitingFor(String branch) {
        return branch != null && !this.waiting.isEmpty() && this.waiting.containsKey(branch.toLowerCase(Locale.ROOT));
    }

    /** @param branch a response's branch ({@link #branchOf}), queued to be parsed */
    void queued(String branch) {
        this.waiting.merge(branch, 1, Integer::sum);
    }

    /** @param branch a response's branch ({@link #branchOf}) that has been parsed and handled, or dropped */
    void done(String branch) {
        this.waiting.computeIfPresent(branch, (key, count) -> (count == 1) ? null : count - 1);
    }

    /** @return how many responses wait, for tests */
    int size() {
        return this.waiting.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Reads the branch of a datagram's top Via if it is a response, without parsing the rest: the receiving thread does
     * this for each datagram, so it stops at the first Via.
     * @param datagram a whole datagram
     * @return the branch, lower-cased, or {@code null} if the datagram is not a response or its top Via has no branch
     */
    static String branchOf(byte[] datagram) {
        if (!startsWith(datagram, RESPONSE_START)) {
            return null;
        }
        int colon = DatagramFields.colon(datagram, "via", 'v');
        if (colon < 0) {
            return null;
        }
        int end = DatagramFields.lineEnd(datagram, colon);
        return branch(new String(datagram, colon + 1, end - colon - 1, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** @return the branch of the first Via value in a Via line's value, lower-cased, or {@code null} */
    private static String branch(String values) {
        int comma = values.indexOf(',');
        String top = ((comma >= 0) ? values.substring(0, comma) : values).toLowerCase(Locale.ROOT);
        int start = top.indexOf(BRANCH);
        if (start < 0) {
            return null;
        }
        start += BRANCH.length();
        int end = start;
        while (end < top.length() && ";, \t".indexOf(top.charAt(end)) < 0) {
            end++;
        }
        return (end > start) ? top.substring(start, end) : null;
    }

    private static boolean startsWith(byte[] message, byte[] prefix) {
        if (message.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
