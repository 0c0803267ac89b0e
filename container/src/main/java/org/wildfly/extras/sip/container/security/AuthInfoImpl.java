package org.wildfly.extras.sip.container.security;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.sip.AuthInfo;

/** The credentials an application gives for the challenges its requests may meet, by challenge status and realm. */
public final class AuthInfoImpl implements AuthInfo, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param username the user name
     * @param password its password
     */
    public record Credentials(String username, String password) implements java.io.Serializable {
    }

    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();

    @Override
    public void addAuthInfo(int statusCode, String realm, String username, String password) {
        if (statusCode != 401 && statusCode != 407) {
            throw new IllegalArgumentException("a challenge is a 401 or a 407, not a " + statusCode);
        }
        this.credentials.put(key(statusCode, Objects.requireNonNull(realm, "realm")), new Credentials(Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password")));
    }

    /**
     * @param statusCode 401 or 407
     * @param realm a challenge's realm
     * @return the credentials given for it, or {@code null}
     */
    public Credentials find(int statusCode, String realm) {
        return this.credentials.get(key(statusCode, realm));
    }

    private static String key(int statusCode, String realm) {
        return statusCode + " " + realm;
    }
}
