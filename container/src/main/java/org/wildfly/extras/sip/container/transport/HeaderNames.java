package org.wildfly.extras.sip.container.transport;

import java.util.Locale;
import java.util.Map;

/**
 * Header names: the compact forms of RFC 3261 §7.3.3 (and later RFCs) and the canonical spelling of common headers.
 */
public final class HeaderNames {

    public static final String CALL_ID = "Call-ID";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CSEQ = "CSeq";
    public static final String FROM = "From";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROUTE = "Route";
    public static final String TO = "To";
    public static final String VIA = "Via";

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("a", "Accept-Contact"), Map.entry("b", "Referred-By"), Map.entry("c", CONTENT_TYPE),
            Map.entry("d", "Request-Disposition"), Map.entry("e", "Content-Encoding"), Map.entry("f", FROM),
            Map.entry("i", CALL_ID), Map.entry("j", "Reject-Contact"), Map.entry("k", "Supported"),
            Map.entry("l", CONTENT_LENGTH), Map.entry("m", CONTACT), Map.entry("n", "Identity-Info"),
            Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("s", "Subject"), Map.entry("t", TO),
            Map.entry("u", "Allow-Events"), Map.entry("v", VIA), Map.entry("x", "Session-Expires"), Map.entry("y", "Identity"));

    private static final Map<String, String> CANONICAL;
    static {
        java.util.HashMap<String, String> canonical = new java.util.HashMap<>();
        for (String name : new String[] { CALL_ID, CONTACT, CONTENT_LENGTH, CONTENT_TYPE, CSEQ, FROM, MAX_FORWARDS, RECORD_ROUTE, ROUTE, TO, VIA,
                "WWW-Authenticate", "RAck", "RSeq", "MIME-Version", "SIP-ETag", "SIP-If-Match", "P-Asserted-Identity", "P-Preferred-Identity" }) {
            canonical.put(name.toLowerCase(Locale.ROOT), name);
        }
        CANONICAL = Map.copyOf(canonical);
    }

    /** Names as messages spell them → their key: every canonical name, its lower case, and the compact letters. */
    private static final Map<String, String> KEYS;
    /** Names already in their full form, as usually spelled: {@link #full} gives them back as they are. */
    private static final java.util.Set<String> FULL_SPELLED;
    static {
        java.util.HashMap<String, String> keys = new java.util.HashMap<>();
        for (String name : CANONICAL.values()) {
            keys.put(name, name.toLowerCase(Locale.ROOT));
        }
        for (String name : new String[] { "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events", "Authentication-Info",
                "Authorization", "Call-Info", "Content-Disposition", "Content-Encoding", "Content-Language", "Date", "Error-Info", "Event", "Expires",
                "In-Reply-To", "Join", "Min-Expires", "Min-SE", "Organization", "Path", "Priority", "Privacy", "Proxy-Authenticate",
                "Proxy-Authorization", "Proxy-Require", "Reason", "Refer-To", "Referred-By", "Replaces", "Reply-To", "Require", "Server",
                "Session-Expires", "Subject", "Subscription-State", "Supported", "Timestamp", "Unsupported", "User-Agent", "Warning" }) {
            keys.put(name, name.toLowerCase(Locale.ROOT));
        }
        FULL_SPELLED = java.util.Set.copyOf(keys.keySet());
        for (Map.Entry<String, String> compact : COMPACT.entrySet()) {
            String key = compact.getValue().toLowerCase(Locale.ROOT);
            keys.put(compact.getKey(), key);
            keys.put(compact.getKey().toUpperCase(Locale.ROOT), key);
        }
        for (String key : java.util.List.copyOf(keys.values())) {
            keys.put(key, key);
        }
        KEYS = Map.copyOf(keys);
    }

    /** Keys of other names met, so that each is lower-cased once; bounded, as the names come from the network. */
    private static final Map<String, String> OTHER_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int OTHER_KEYS_LIMIT = 1024;

    private HeaderNames() {
    }

    /**
     * @return what identifies the header whatever its spelling: the lower-cased full name. Two names denote the same header
     *         exactly when their keys are equal.
     */
    public static String key(String name) {
        String key = KEYS.get(name);
        if (key == null) {
            key = OTHER_KEYS.get(name);
            if (key == null) {
                key = full(name).toLowerCase(Locale.ROOT);
                if (OTHER_KEYS.size() < OTHER_KEYS_LIMIT) {
                    OTHER_KEYS.put(name, key);
                }
            }
        }
        return key;
    }

    /** @return the full form of a compact name, or the name itself */
    public static String full(String name) {
        if (FULL_SPELLED.contains(name)) {
            return name;
        }
        if (name.length() == 1) {
            String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
            if (full != null) {
                return full;
            }
        }
        String canonical = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return (canonical != null) ? canonical : name;
    }

    /** @return whether two names denote the same header, compact forms included */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }
}
