package org.wildfly.extras.sip.test.app.environment;

import java.util.Set;
import java.util.TreeSet;

import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;

/**
 * A component the servlet calls that, like an EJB's {@code isCallerInRole}, asks Elytron who is calling it: the roles of
 * the current identity, among the ones the application knows.
 */
public final class CallerRoles {

    private static final Set<String> KNOWN = Set.of("dispatcher", "operator");

    private CallerRoles() {
    }

    /** @return the known roles the caller of this code has, sorted, such as {@code [dispatcher]}; {@code none} outside any security domain */
    public static String seen() {
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null) {
            return "none";
        }
        SecurityIdentity identity = domain.getCurrentSecurityIdentity();
        Set<String> roles = new TreeSet<>();
        KNOWN.stream().filter(identity.getRoles()::contains).forEach(roles::add);
        return roles.toString();
    }
}
