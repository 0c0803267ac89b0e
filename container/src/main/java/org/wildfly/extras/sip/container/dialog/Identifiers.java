package org.wildfly.extras.sip.container.dialog;

import java.security.SecureRandom;

/**
 * Random identifiers for tags, branches and session ids. None of them encodes the node that made it,
 * so that any node of a cluster can take over what another started.
 */
public final class Identifiers {

    /** The magic cookie of RFC 3261 §8.1.1.7 that marks a branch as unique. */
    public static final String BRANCH_COOKIE = "z9hG4bK";

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray(); // base 32: safe in tags, branches, Base64URL
    private static final SecureRandom RANDOM = new SecureRandom();

    private Identifiers() {
    }

    /**
     * @param length the number of characters, each carrying 5 random bits
     * @return a random token of letters and digits
     */
    public static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return token(bytes, length);
    }

    private static final char KEY_SEPARATOR = '~';

    /** @return a fresh Via branch */
    public static String branch() {
        return BRANCH_COOKIE + random(20);
    }

    /**
     * A fresh branch that names the call it belongs to: the responses to the request, should they reach a node other than
     * the one that sent it (that node died, and the balancer sends them to a live one), lead to the call's state.
     * @param key the key of the call's state (an application session id)
     * @return the branch
     */
    public static String branchFor(String key) {
        return BRANCH_COOKIE + random(12) + KEY_SEPARATOR + key;
    }

    /**
     * @param branch a Via branch
     * @return the key {@link #branchFor} put in it, or {@code null} if it names none
     */
    public static String keyOfBranch(String branch) {
        int separator = (branch != null && branch.startsWith(BRANCH_COOKIE)) ? branch.lastIndexOf(KEY_SEPARATOR) : -1;
        return (separator > 0 && separator < branch.length() - 1) ? branch.substring(separator + 1) : null;
    }

    /**
     * A branch derived from what a request carried, for a request forwarded without a transaction (RFC 3261 §16.11):
     * the same request forwarded again, by this node or another one, gets the same branch, so that the next hop sees
     * a retransmission rather than a new request.
     * @param seed what identifies the received request, such as its top Via
     * @return a branch with the magic cookie, other than any branch in the seed
     */
    public static String derivedBranch(String seed) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        return BRANCH_COOKIE + "s" + token(digest, 20);
    }

    /** @return the first {@code length} bytes as letters and digits, 5 bits each */
    private static String token(byte[] bytes, int length) {
        char[] token = new char[length];
        for (int i = 0; i < length; i++) {
            token[i] = ALPHABET[bytes[i] & 31];
        }
        return new String(token);
    }

    /** @return a fresh Call-ID, without a host part */
    public static String callId() {
        return random(26);
    }
}
