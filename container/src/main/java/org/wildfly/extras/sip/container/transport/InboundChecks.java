package org.wildfly.extras.sip.container.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a transport makes on a received message before any parser or application sees it, for the defects the
 * stack's parser lets through or fails on without an answer (RFC 3261 §8.1.1, §8.2.2, §18.2.1; RFC 4475 §3.3.1, §3.3.7, §3.3.8): a missing or
 * doubled mandatory header field, a CSeq number of 2^31 or more, a CSeq method that is not the request's, a top Via
 * that names another transport than the one the request came over. A request with such a defect is answered 400 by
 * the transport itself.
 *
 * <p>It also answers 501 (Not Implemented) to a request whose method has lower-case letters. Methods are case-sensitive
 * tokens (RFC 3261 §7.1), so "options" is not OPTIONS but a method no application here implements; 501, not 405, is
 * the answer to a method a server does not recognize (§21.5.2; 405 is for one it recognizes but does not allow, and must
 * list the allowed ones). The transport gives that answer itself because the stack writes every CSeq method in upper
 * case: a response that went through it would name another method than its request, and the client would not match it.
 */
public final class InboundChecks {

    /**
     * What to do with a message that fails a check.
     * @param status the status code to answer a request with; 0 to drop the message unanswered (a response)
     * @param reason what is wrong, short, for the reason phrase and the log
     */
    public record Verdict(int status, String reason) {
        /** @return the reason phrase of the answer */
        public String reasonPhrase() {
            return switch (this.status) {
                case 400 -> "Bad Request (" + this.reason + ")";
                case 501 -> "Not Implemented";
                case 513 -> "Message Too Large";
                default -> this.reason;
            };
        }
    }

    private static final List<String> REQUIRED = List.of(HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ);
    private static final List<String> SINGLE = List.of(HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.FROM, HeaderNames.TO, HeaderNames.MAX_FORWARDS,
            HeaderNames.CONTENT_LENGTH);
    // the fields the checks count, by key, each with its place in the counts of one pass over the message's fields
    private static final Map<String, Integer> COUNTED = counted();
    private static final long CSEQ_LIMIT = 1L << 31;

    private InboundChecks() {
    }

    /**
     * @param head the message as received
     * @param arrival the transport it came over
     * @return {@code null} if it passes, else what to do with it
     */
    public static Verdict check(MessageHead head, Transport arrival) {
        int status = head.isRequest() ? 400 : 0;
        int[] counts = new int[COUNTED.size()];
        for (HeaderFields.Field field : head.headers()) {
            Integer counted = COUNTED.get(field.key());
            if (counted != null) {
                counts[counted]++;
            }
        }
        for (String name : REQUIRED) {
            if (count(counts, name) == 0) {
                return new Verdict(status, "missing " + name);
            }
        }
        if (head.isRequest() && count(counts, HeaderNames.MAX_FORWARDS) == 0) {
            return new Verdict(status, "missing " + HeaderNames.MAX_FORWARDS); // mandatory in a request (§8.1.1); the stack makes no transaction without it
        }
        for (String name : SINGLE) {
            if (count(counts, name) > 1) {
                return new Verdict(status, "more than one " + name);
            }
        }
        String[] cseq = words(head.first(HeaderNames.CSEQ));
        if (cseq.length == 2 && cseq[0].chars().allMatch(c -> c >= '0' && c <= '9')
                && (cseq[0].length() > 10 || Long.parseLong(cseq[0]) >= CSEQ_LIMIT)) {
            return new Verdict(status, "CSeq number not below 2^31");
        }
        if (!head.isRequest()) {
            return null;
        }
        String method = head.method();
        if (cseq.length == 2 && !cseq[1].equals(method)) {
            return new Verdict(400, "CSeq method is not the request's");
        }
        String viaTransport = head.topViaTransport();
        if (viaTransport != null && !viaTransport.equalsIgnoreCase(arrival.name())) {
            return new Verdict(400, "top Via names " + BadInputLog.oneLine(viaTransport.length() > 16 ? viaTransport.substring(0, 16) : viaTransport)
                    + ", the request came over " + arrival);
        }
        if (!method.equals("ACK") && method.chars().anyMatch(Character::isLowerCase)) {
            return new Verdict(501, "method " + head.methodForLog() + " not implemented");
        }
        return null;
    }

    private static Map<String, Integer> counted() {
        Map<String, Integer> counted = new HashMap<>();
        for (String name : REQUIRED) {
            counted.putIfAbsent(HeaderNames.key(name), counted.size());
        }
        for (String name : SINGLE) {
            counted.putIfAbsent(HeaderNames.key(name), counted.size());
        }
        return Map.copyOf(counted);
    }

    private static int count(int[] counts, String name) {
        return counts[COUNTED.get(HeaderNames.key(name))];
    }

    /** @return {@code value.trim().split("\\s+")}, without compiling a regular expression for every message */
    static String[] words(String value) {
        String trimmed = value.trim();
        java.util.List<String> words = new java.util.ArrayList<>(2);
        int start = 0;
        for (int index = 0; index <= trimmed.length(); index++) {
            if (index == trimmed.length() || MessageHead.isRegexSpace(trimmed.charAt(index))) {
                if (index > start || words.isEmpty()) {
                    words.add(trimmed.substring(start, index));
                }
                start = index + 1;
            }
        }
        return words.toArray(new String[0]);
    }
}
