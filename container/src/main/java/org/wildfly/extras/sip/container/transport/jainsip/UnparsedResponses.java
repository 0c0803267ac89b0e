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
        if (!startsWith(datagram, 0, RESPONSE_START)) {
            return null;
        }
        int line = nextLine(datagram, 0);
        while (line >= 0 && line < datagram.length) {
            int end = lineEnd(datagram, line);
            if (end == line) {
                return null; // the blank line: no Via
            }
            int colon = viaColon(datagram, line, end);
            if (colon >= 0) {
                return branch(new String(datagram, colon + 1, end - colon - 1, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            line = nextLine(datagram, end);
        }
        return null;
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

    /** @return the index of the colon if the line from {@code start} to {@code end} is a Via field ("Via" or "v"), else -1 */
    private static int viaColon(byte[] message, int start, int end) {
        int name = start;
        while (name < end && message[name] != ':' && message[name] != ' ' && message[name] != '\t') {
            name++;
        }
        int length = name - start;
        boolean via = (length == 3 && lower(message[start]) == 'v' && lower(message[start + 1]) == 'i' && lower(message[start + 2]) == 'a')
                || (length == 1 && lower(message[start]) == 'v');
        if (!via) {
            return -1;
        }
        int colon = name;
        while (colon < end && (message[colon] == ' ' || message[colon] == '\t')) {
            colon++;
        }
        return (colon < end && message[colon] == ':') ? colon : -1;
    }

    private static int lower(byte b) {
        return (b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b;
    }

    /** @return the index of the line's CR or LF, or the message's end */
    private static int lineEnd(byte[] message, int start) {
        int end = start;
        while (end < message.length && message[end] != '\r' && message[end] != '\n') {
            end++;
        }
        return end;
    }

    /** @return the start of the line after the one at {@code index} */
    private static int nextLine(byte[] message, int index) {
        int end = lineEnd(message, index);
        if (end < message.length && message[end] == '\r') {
            end++;
        }
        return (end < message.length && message[end] == '\n') ? end + 1 : end;
    }

    private static boolean startsWith(byte[] message, int offset, byte[] prefix) {
        if (message.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
