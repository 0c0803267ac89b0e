package org.wildfly.extras.sip.container.security;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.wildfly.extras.sip.container.deployment.LoginConfig;
import org.wildfly.extras.sip.container.deployment.SecurityConstraint;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;

/**
 * What an application's {@code <security-constraint>}s ask of each request, and where its callers' accounts are.
 * Several constraints covering one request combine as in Servlet 3.1 §13.8.1: the roles allowed are the union of theirs; one
 * naming no role lets nobody in; one without {@code <auth-constraint>} asks no authentication.
 * @param realm the realm of the challenges: {@code <realm-name>}, or the application's name
 * @param constraints the constraints
 * @param declaredRoles the {@code <security-role>}s, which role name {@code *} stands for
 * @param store where the accounts are; {@code null} until the host supplies it
 * @param nonceLifetime how long a nonce of a challenge serves
 */
public record ApplicationSecurity(String realm, List<SecurityConstraint> constraints, Set<String> declaredRoles, SipIdentityStore store, Duration nonceLifetime) {

    public ApplicationSecurity {
        Objects.requireNonNull(realm, "realm");
        constraints = List.copyOf(constraints);
        declaredRoles = Set.copyOf(declaredRoles);
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    }

    /**
     * What one request needs.
     * @param proxy challenge with 407 and Proxy-Authenticate, not 401 and WWW-Authenticate
     * @param roles the caller needs one of these; {@link SecurityConstraint#ANY_AUTHENTICATED} among them: any caller
     *        the store lets in; empty: nobody is let in
     */
    public record Requirement(boolean proxy, Set<String> roles) {
        /** @return whether nobody may send this request */
        public boolean deniesAll() {
            return this.roles.isEmpty();
        }
    }

    /**
     * @param info a resolved deployment model
     * @return what its constraints ask, without a store yet; {@code null} if it has no constraint
     */
    public static ApplicationSecurity of(SipDeploymentInfo info) {
        if (info.getSecurityConstraints().isEmpty()) {
            return null;
        }
        LoginConfig login = info.getLoginConfig();
        String realm = (login != null && login.realmName() != null) ? login.realmName() : info.getApplicationName();
        return new ApplicationSecurity(realm, info.getSecurityConstraints(), info.getSecurityRoles(), null, DigestAuthenticator.DEFAULT_NONCE_LIFETIME);
    }

    /** @return these constraints over that store */
    public ApplicationSecurity withStore(SipIdentityStore store) {
        return new ApplicationSecurity(this.realm, this.constraints, this.declaredRoles, store, this.nonceLifetime);
    }

    /** @return these constraints with nonces that serve that long */
    public ApplicationSecurity withNonceLifetime(Duration lifetime) {
        return new ApplicationSecurity(this.realm, this.constraints, this.declaredRoles, this.store, lifetime);
    }

    /**
     * @param servlet the servlet the request goes to
     * @param method its method
     * @return what the request needs; {@code null} if it needs no authentication
     */
    public Requirement requirement(String servlet, String method) {
        if (method.equals("ACK") || method.equals("CANCEL")) {
            return null; // they cannot be sent again with credentials (RFC 3261 §22.1); the INVITE they belong to was checked
        }
        boolean covered = false;
        boolean proxy = false;
        Set<String> roles = new HashSet<>();
        for (SecurityConstraint constraint : this.constraints) {
            if (!constraint.covers(servlet, method)) {
                continue;
            }
            if (constraint.roles() == null) {
                return null; // Servlet 3.1 §13.8.1: a covering constraint without auth-constraint asks nothing
            }
            if (constraint.roles().isEmpty()) {
                return new Requirement(constraint.proxyAuthentication(), Set.of());
            }
            covered = true;
            proxy |= constraint.proxyAuthentication();
            roles.addAll(constraint.roles());
        }
        return covered ? new Requirement(proxy, roles) : null;
    }

    /**
     * @param requirement what a request needs
     * @param identity the authenticated caller
     * @return whether that caller may send it
     */
    public boolean permits(Requirement requirement, SipIdentity identity) {
        for (String role : requirement.roles()) {
            if (role.equals(SecurityConstraint.ANY_AUTHENTICATED) || identity.roles().contains(role)) {
                return true;
            }
            if (role.equals(SecurityConstraint.ANY_DECLARED_ROLE)) {
                // every role the application declares; with none declared, any caller
                if (this.declaredRoles.isEmpty() || this.declaredRoles.stream().anyMatch(identity.roles()::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
