package org.wildfly.extras.sip.container.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash functions of HTTP digest (RFC 2617 MD5, RFC 8760 SHA-256 for SIP), by their names in a challenge. */
public final class Digests {

    private Digests() {
    }

    /**
     * @param algorithm {@code "MD5"} or {@code "SHA-256"}, case-insensitive
     * @return the JCA name of that algorithm, or {@code null} if digest knows no such algorithm here
     */
    static String jcaName(String algorithm) {
        if (algorithm.equalsIgnoreCase("MD5")) {
            return "MD5";
        }
        if (algorithm.equalsIgnoreCase("SHA-256")) {
            return "SHA-256";
        }
        return null;
    }

    /**
     * @param algorithm {@code "MD5"} or {@code "SHA-256"}
     * @param data what to hash
     * @return its hash
     */
    public static byte[] hash(String algorithm, byte[] data) {
        String name = jcaName(algorithm);
        if (name == null) {
            throw new IllegalArgumentException("no digest algorithm " + algorithm);
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JVM", e);
        }
    }

    /** @return the lower-case hex of the hash of some text (RFC 2617's H and KD take and give such text) */
    static String hex(String algorithm, String text) {
        return HexFormat.of().formatHex(hash(algorithm, text.getBytes(StandardCharsets.UTF_8)));
    }
}
