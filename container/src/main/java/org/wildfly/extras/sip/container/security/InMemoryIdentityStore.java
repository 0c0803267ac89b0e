package org.wildfly.extras.sip.container.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Users and clear passwords held in memory: for tests and embedded use. */
public final class InMemoryIdentityStore implements SipIdentityStore {

    private record User(String password, Set<String> roles) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();

    /**
     * @param username a user name
     * @param password its password
     * @param roles its roles
     * @return this
     */
    public InMemoryIdentityStore add(String username, String password, String... roles) {
        this.users.put(username, new User(password, Set.of(roles)));
        return this;
    }

    @Override
    public Account account(String realm, String username) {
        User user = this.users.get(username);
        if (user == null) {
            return null;
        }
        return new Account() {
            @Override
            public byte[] digestSecret(String algorithm) {
                return Digests.hash(algorithm, (username + ':' + realm + ':' + user.password()).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public SipIdentity authorize() {
                return SipIdentity.of(username, user.roles());
            }
        };
    }
}
