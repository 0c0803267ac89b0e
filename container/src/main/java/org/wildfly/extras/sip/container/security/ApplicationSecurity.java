package org.wildfly.extras.sip.container.security;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.wildfly.extras.sip.container.deployment.LoginConfig;
import org.wildfly.extras.sip.container.deployment.SecurityConstraint;
import org.wildfly.extras.sip.container.deployment.ServletInfo;
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
 * @param roleLinks each servlet's {@code <security-role-ref>}s: role name its code uses, role it links to
 * @param authMethod {@link LoginConfig#DIGEST} or {@link LoginConfig#CLIENT_CERT}
 * @param identityAssertion {@link LoginConfig#REQUIRED} or {@link LoginConfig#SUPPORTED} for a P-Asserted-Identity
 *        {@code <identity-assertion>}; {@code null} without one
 */
public record ApplicationSecurity(String realm, List<SecurityConstraint> constraints, Set<String> declaredRoles, SipIdentityStore store, Duration nonceLifetime,
        Map<String, Map<String, String>> roleLinks, String authMethod, String identityAssertion) {

    public ApplicationSecurity {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(authMethod, "authMethod");
        constraints = List.copyOf(constraints);
        declaredRoles = Set.copyOf(declaredRoles);
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        roleLinks = Map.copyOf(roleLinks);
    }

    /** Constraints without {@code <security-role-ref>}s, authenticated by digest. */
    public ApplicationSecurity(String realm, List<SecurityConstraint> constraints, Set<String> declaredRoles, SipIdentityStore store, Duration nonceLifetime) {
        this(realm, constraints, declaredRoles, store, nonceLifetime, Map.of(), LoginConfig.DIGEST, null);
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
        Map<String, Map<String, String>> roleLinks = new java.util.HashMap<>();
        for (ServletInfo servlet : info.getServlets()) {
            if (!servlet.getRoleLinks().isEmpty()) {
                roleLinks.put(servlet.getName(), servlet.getRoleLinks());
            }
        }
        return new ApplicationSecurity(realm, info.getSecurityConstraints(), info.getSecurityRoles(), null, DigestAuthenticator.DEFAULT_NONCE_LIFETIME, roleLinks,
                (login != null) ? login.authMethod() : LoginConfig.DIGEST, (login != null) ? login.identityAssertion() : null);
    }

    /**
     * The caller as a servlet sees it (Servlet 3.1 §13.3, {@code <security-role-ref>}): a role name the servlet's code
     * uses is the caller's when the role it links to is.
     * @param servlet the servlet the request goes to
     * @param identity the authenticated caller
     * @return the identity, with the servlet's role names whose linked role it has
     */
    public SipIdentity asSeenBy(String servlet, SipIdentity identity) {
        Map<String, String> links = this.roleLinks.getOrDefault(servlet, Map.of());
        Set<String> roles = new HashSet<>(identity.roles());
        links.forEach((name, link) -> {
            if (identity.roles().contains(link)) {
                roles.add(name);
            } else if (!name.equals(link)) {
                roles.remove(name); // the code's name stands for the linked role, whatever the store calls it
            }
        });
        return roles.equals(identity.roles()) ? identity : new SipIdentity(identity.principal(), roles);
    }

    /** @return these constraints over that store */
    public ApplicationSecurity withStore(SipIdentityStore store) {
        return new ApplicationSecurity(this.realm, this.constraints, this.declaredRoles, store, this.nonceLifetime, this.roleLinks, this.authMethod, this.identityAssertion);
    }

    /** @return these constraints with nonces that serve that long */
    public ApplicationSecurity withNonceLifetime(Duration lifetime) {
        return new ApplicationSecurity(this.realm, this.constraints, this.declaredRoles, this.store, lifetime, this.roleLinks, this.authMethod, this.identityAssertion);
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
     * Whether a request must have come over TLS: the union of the connection types its covering constraints accept
     * (Servlet 3.1 §13.8.1), so one covering constraint with NONE, or without {@code <user-data-constraint>}, accepts any.
     * @param servlet the servlet the request goes to
     * @param method its method
     * @return whether a request that did not come over TLS is refused
     */
    public boolean requiresTls(String servlet, String method) {
        if (method.equals("ACK") || method.equals("CANCEL")) {
            return false; // they go where their INVITE went, which was checked
        }
        boolean covered = false;
        for (SecurityConstraint constraint : this.constraints) {
            if (constraint.covers(servlet, method)) {
                if (!constraint.needsTls()) {
                    return false;
                }
                covered = true;
            }
        }
        return covered;
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
