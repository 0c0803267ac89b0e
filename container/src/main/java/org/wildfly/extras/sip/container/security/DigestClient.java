package org.wildfly.extras.sip.container.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Answers a digest challenge for a request the container's application sends (RFC 3261 §22.2, RFC 2617 §3.2.2): the value of
 * its Authorization or Proxy-Authorization header. With qop=auth when the challenge offers it, with the challenge's algorithm
 * (MD5, SHA-256, or their -sess forms).
 */
public final class DigestClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestClient() {
    }

    /**
     * @param challenge a challenge, already parsed
     * @param method the method of the request to authorize
     * @param uri its request-URI
     * @param username the user name
     * @param password its password
     * @return the credentials' header value; {@code null} if the challenge is not digest or names an algorithm or qop this
     *         container cannot answer
     */
    public static String authorization(DigestParameters challenge, String method, String uri, String username, String password) {
        if (!challenge.isDigest() || challenge.get("realm") == null || challenge.get("nonce") == null) {
            return null;
        }
        String realm = challenge.get("realm");
        String nonce = challenge.get("nonce");
        String algorithm = (challenge.get("algorithm") != null) ? challenge.get("algorithm") : "MD5";
        boolean session = algorithm.toLowerCase(Locale.ROOT).endsWith("-sess");
        String hash = session ? algorithm.substring(0, algorithm.length() - "-sess".length()) : algorithm;
        if (Digests.jcaName(hash) == null) {
            return null;
        }
        String qop = null;
        if (challenge.get("qop") != null) {
            for (String offered : challenge.get("qop").split(",")) {
                if (offered.trim().equalsIgnoreCase("auth")) {
                    qop = "auth";
                }
            }
            if (qop == null) {
                return null; // auth-int only: this container does not hash bodies
            }
        }
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String cnonce = HexFormat.of().formatHex(random);
        String nc = "00000001"; // each challenge is answered once, with a fresh cnonce
        String ha1 = Digests.hex(hash, username + ':' + realm + ':' + password);
        if (session) {
            ha1 = Digests.hex(hash, ha1 + ':' + nonce + ':' + cnonce);
        }
        String ha2 = Digests.hex(hash, method + ':' + uri);
        String response = (qop != null) ? Digests.hex(hash, ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2) : Digests.hex(hash, ha1 + ':' + nonce + ':' + ha2);
        StringBuilder value = new StringBuilder("Digest username=").append(quoted(username)).append(", realm=").append(quoted(realm)).append(", nonce=").append(quoted(nonce))
                .append(", uri=").append(quoted(uri)).append(", response=\"").append(response).append("\", algorithm=").append(algorithm);
        if (qop != null) {
            value.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (challenge.get("opaque") != null) {
            value.append(", opaque=").append(quoted(challenge.get("opaque")));
        }
        return value.toString();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
