package org.wildfly.extras.sip.container.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: what {@code getUserPrincipal}, {@code getRemoteUser} and {@code isUserInRole} of its request answer.
 * @param principal the caller's principal
 * @param roles its roles, as the identity store maps them
 */
public record SipIdentity(Principal principal, Set<String> roles) {

    public SipIdentity {
        Objects.requireNonNull(principal, "principal");
        roles = Set.copyOf(roles);
    }

    /**
     * @param name a user name
     * @param roles its roles
     * @return an identity whose principal has that name
     */
    public static SipIdentity of(String name, Set<String> roles) {
        return new SipIdentity(new NamedPrincipal(name), roles);
    }

    /** A principal that is its name. */
    public record NamedPrincipal(String getName) implements Principal, java.io.Serializable {
        public NamedPrincipal {
            Objects.requireNonNull(getName, "name");
        }

        @Override
        public String toString() {
            return this.getName;
        }
    }
}
