package org.wildfly.extras.sip.container.session;

import org.wildfly.extras.sip.container.dialog.Identifiers;

/**
 * Where a message's application session is found without any index: our tags carry the application session id.
 * A request of the peer carries our tag in To, a response to our request carries it in From, so any node can load
 * the application session of any in-dialog message with one look-up by key. The id is random, not a node's name.
 */
public final class SessionKeys {

    private static final char SEPARATOR = '-';
    private static final int ID_LENGTH = 20;

    private SessionKeys() {
    }

    /** @return a new application session id: 100 random bits */
    public static String newApplicationSessionId() {
        return Identifiers.random(ID_LENGTH);
    }

    /**
     * The id of the application session a {@code @SipApplicationKey} or {@code createApplicationSessionByKey} key names:
     * the same on every node, and in the alphabet our tags use.
     * @param application the application name
     * @param key the application's key
     * @return the application session id
     */
    public static String fromKey(String application, String key) {
        return hashed("k.", application + '\n' + key);
    }

    /**
     * The id of the application session a new initial request starts: derived from what identifies its server
     * transaction (RFC 3261 §17.2.3: the top Via's branch and sent-by, with Call-ID, From tag and CSeq number), which its
     * CANCEL carries too (§9.1). So a node that takes over a call in set-up finds it from the caller's CANCEL, without
     * an index; the id still names no node, and two transactions never share one.
     * @param callId the Call-ID
     * @param fromTag the From tag, or {@code null}
     * @param cseq the CSeq number
     * @param transaction the top Via's branch and sent-by
     * @return the application session id
     */
    public static String forTransaction(String callId, String fromTag, long cseq, String transaction) {
        return hashed("", callId + '\n' + fromTag + '\n' + cseq + '\n' + transaction);
    }

    private static String hashed(String prefix, String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; i < ID_LENGTH; i++) {
                id.append("0123456789abcdefghijklmnopqrstuv".charAt(digest[i] & 31));
            }
            return id.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a new SIP session id, unique within its application session */
    public static String newSipSessionId() {
        return Identifiers.random(12);
    }

    /**
     * @param applicationSessionId the application session the dialog belongs to
     * @return a local tag for a new dialog of that application session
     */
    public static String newTag(String applicationSessionId) {
        return applicationSessionId + SEPARATOR + Identifiers.random(8);
    }

    /**
     * @param applicationSessionId the application session of a SIP session the application created
     * @param sipSessionId that SIP session's id
     * @return the local tag of the requests that session starts: the same for each, on every node, as it follows from
     *         the session's data
     */
    public static String sessionTag(String applicationSessionId, String sipSessionId) {
        return applicationSessionId + SEPARATOR + sipSessionId;
    }

    /**
     * @param tag a tag we issued, or any other
     * @return the application session id it carries, or {@code null} if it is not one of ours
     */
    public static String applicationSessionId(String tag) {
        if (tag == null) {
            return null;
        }
        int separator = tag.lastIndexOf(SEPARATOR);
        if (separator <= 0) {
            return null;
        }
        String id = tag.substring(0, separator);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean idChar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'v') || c == '.' || c == '_';
            if (!idChar) {
                return null;
            }
        }
        return id;
    }
}
