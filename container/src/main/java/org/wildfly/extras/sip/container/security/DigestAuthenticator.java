package org.wildfly.extras.sip.container.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks digest credentials (RFC 3261 §22.4, RFC 2617 with qop=auth, or without qop for RFC 2069 clients) and writes
 * challenges. A nonce verifies itself: its issue time and a random part, sealed with an HMAC under a secret of this
 * container drawn at start, so a challenge leaves no state behind. Replays are refused by remembering, per nonce used, the
 * highest nonce-count seen (a nonce without qop serves one request), in a bounded record; a nonce older than the oldest the
 * record forgot counts as unknown and is answered with a fresh challenge (stale), so forgetting never lets a replay in.
 * <p>
 * The secret is this node's: a nonce another node (or this node before a restart) issued fails the check, and the caller
 * gets a fresh challenge marked stale, which clients answer without asking the user again.
 */
public final class DigestAuthenticator {

    /** How long a nonce serves, unless the application says otherwise. */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    /** How many used nonces the replay record keeps. */
    static final int REMEMBERED_NONCES = 50_000;

    private static final int STAMP = 8 + 8; // issue time, random
    private static final int SEAL = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** What a request's credentials come to. */
    public sealed interface Outcome {
    }

    /** The caller proved it knows the secret of a store's account. */
    public record Authenticated(SipIdentityStore.Account account, String username) implements Outcome {
    }

    /**
     * The request must be sent again with (other) credentials.
     * @param stale the credentials were right but the nonce was not (expired, used, or another node's): ask again without asking the user
     * @param reason why, for the log
     */
    public record Challenge(boolean stale, String reason) implements Outcome {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec secret;
    private final Map<String, Long> counts = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            if (this.size() > REMEMBERED_NONCES) {
                DigestAuthenticator.this.forgottenUpTo = Math.max(DigestAuthenticator.this.forgottenUpTo, issued(eldest.getKey()));
                return true;
            }
            return false;
        }
    };
    /** The latest issue time of a nonce the record forgot: a nonce issued up to then and not in the record may have been used. */
    private long forgottenUpTo = Long.MIN_VALUE;

    /** @param clock the time nonces are issued and checked by */
    public DigestAuthenticator(Clock clock) {
        this.clock = clock;
        byte[] key = new byte[32];
        this.random.nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param realm the realm
     * @param stale whether to say the caller's last credentials were right but their nonce was not
     * @return the value of a WWW-Authenticate or Proxy-Authenticate header: MD5 with qop=auth
     */
    public String challenge(String realm, boolean stale) {
        byte[] stamp = ByteBuffer.allocate(STAMP).putLong(this.clock.millis()).putLong(this.random.nextLong()).array();
        ByteBuffer nonce = ByteBuffer.allocate(STAMP + SEAL).put(stamp).put(this.seal(stamp, realm));
        String quotedRealm = realm.replace("\\", "\\\\").replace("\"", "\\\"");
        return "Digest realm=\"" + quotedRealm + "\", nonce=\"" + ENCODER.encodeToString(nonce.array()) + "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : "");
    }

    /**
     * @param method the request's method (it enters the digest, so credentials of one method serve no other)
     * @param authorizations the values of the request's Authorization (or Proxy-Authorization) headers
     * @param realm the realm asked for; credentials for other realms are not this container's to check
     * @param store where the accounts are
     * @param lifetime how long a nonce serves
     * @return the outcome
     */
    public Outcome authenticate(String method, List<String> authorizations, String realm, SipIdentityStore store, Duration lifetime) {
        DigestParameters credentials = null;
        for (String authorization : authorizations) {
            DigestParameters parsed = DigestParameters.parse(authorization);
            if (parsed != null && parsed.isDigest() && realm.equals(parsed.get("realm"))) {
                credentials = parsed;
                break;
            }
        }
        if (credentials == null) {
            return new Challenge(false, authorizations.isEmpty() ? "no credentials" : "no digest credentials for realm " + realm);
        }
        String username = credentials.get("username");
        String nonce = credentials.get("nonce");
        String uri = credentials.get("uri");
        String response = credentials.get("response");
        if (username == null || nonce == null || uri == null || response == null) {
            return new Challenge(false, "credentials without username, nonce, uri or response");
        }
        String algorithm = credentials.get("algorithm") != null ? credentials.get("algorithm") : "MD5";
        boolean session = algorithm.toLowerCase(Locale.ROOT).endsWith("-sess");
        String hash = session ? algorithm.substring(0, algorithm.length() - "-sess".length()) : algorithm;
        if (Digests.jcaName(hash) == null) {
            return new Challenge(false, "algorithm " + algorithm + " is not supported");
        }
        String qop = credentials.get("qop");
        String nc = credentials.get("nc");
        String cnonce = credentials.get("cnonce");
        if (qop != null && (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null)) {
            return new Challenge(false, "qop " + qop + " without nc and cnonce, or other than auth");
        }
        if (session && cnonce == null) {
            return new Challenge(false, algorithm + " without cnonce");
        }
        long count = 0;
        if (qop != null) {
            try {
                count = Long.parseLong(nc, 16);
            } catch (NumberFormatException e) {
                return new Challenge(false, "nc " + nc + " is not hexadecimal");
            }
            if (count <= 0 || nc.length() != 8) {
                return new Challenge(false, "nc " + nc + " is not eight hex digits above zero");
            }
        }
        SipIdentityStore.Account account = store.account(realm, username);
        byte[] secret = (account != null) ? account.digestSecret(hash.toUpperCase(Locale.ROOT)) : null;
        if (secret == null) {
            return new Challenge(false, "unknown user " + username); // answered like a wrong password: names are not probed
        }
        String ha1 = java.util.HexFormat.of().formatHex(secret);
        if (session) {
            ha1 = Digests.hex(hash, ha1 + ':' + nonce + ':' + cnonce);
        }
        String ha2 = Digests.hex(hash, method + ':' + uri);
        String expected = (qop != null) ? Digests.hex(hash, ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2) : Digests.hex(hash, ha1 + ':' + nonce + ':' + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Challenge(false, "wrong response for user " + username);
        }
        // the caller knows the secret; only the nonce may still be wrong, which a fresh challenge marked stale mends
        String problem = this.checkNonce(nonce, realm, lifetime, qop != null ? count : 0);
        if (problem != null) {
            return new Challenge(true, problem);
        }
        return new Authenticated(account, username);
    }

    /** @return why the nonce is not acceptable for this count, or {@code null} if it is (and then it is recorded) */
    private String checkNonce(String nonce, String realm, Duration lifetime, long count) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return "a nonce not of this node";
        }
        if (bytes.length != STAMP + SEAL) {
            return "a nonce not of this node";
        }
        byte[] stamp = java.util.Arrays.copyOf(bytes, STAMP);
        if (!MessageDigest.isEqual(this.seal(stamp, realm), java.util.Arrays.copyOfRange(bytes, STAMP, STAMP + SEAL))) {
            return "a nonce not of this node (another node's, or from before a restart)";
        }
        long issued = ByteBuffer.wrap(stamp).getLong();
        long now = this.clock.millis();
        if (now - issued > lifetime.toMillis() || issued - now > 1000) {
            return "an expired nonce";
        }
        synchronized (this.counts) {
            Long last = this.counts.get(nonce);
            if (last == null && issued <= this.forgottenUpTo) {
                return "a nonce the replay record no longer holds";
            }
            if (last != null && (count == 0 || count <= last)) {
                return count == 0 ? "a nonce used already (without qop, a nonce serves one request)" : "a nonce-count not above the last (" + count + " after " + last + "): a replay";
            }
            this.counts.put(nonce, count);
        }
        return null;
    }

    private static long issued(String nonce) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong();
    }

    private byte[] seal(byte[] stamp, String realm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.secret);
            mac.update(stamp);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(mac.doFinal(), SEAL);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
