package org.wildfly.extension.sip.deployment;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.wildfly.extras.sip.container.ApplicationScope;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.authz.RoleMapper;
import org.wildfly.security.authz.Roles;

/**
 * The scope of a SIP application whose servlets have a {@code <run-as>}: such a servlet's code runs as an identity of
 * the application's security domain that has the run-as role, so that what it calls (an EJB, any code that asks
 * Elytron for the current identity) sees that role, as a web servlet's {@code <run-as>} does under Undertow. The
 * identity keeps the principal of the current one (anonymous on the container's threads).
 */
final class SipRunAs implements ApplicationScope {

    private final ApplicationScope application;
    private final Map<String, ApplicationScope> servletScopes;

    /**
     * @param application the application's own scope, which each servlet's runs within
     * @param runAsRoles the run-as role of each servlet that has one, by servlet name
     * @param domain the application's security domain, available once it starts
     */
    SipRunAs(ApplicationScope application, Map<String, String> runAsRoles, Supplier<SecurityDomain> domain) {
        this.application = application;
        // one scope per run-as servlet, made once: forServlet runs on every message the servlet handles
        Map<String, ApplicationScope> scopes = new java.util.HashMap<>();
        runAsRoles.forEach((servlet, role) -> scopes.put(servlet, new ApplicationScope() {
            @Override
            public <T> T call(Callable<T> code) throws Exception {
                return application.call(() -> runAs(domain.get(), role, code));
            }
        }));
        this.servletScopes = Map.copyOf(scopes);
    }

    @Override
    public <T> T call(Callable<T> code) throws Exception {
        return this.application.call(code);
    }

    @Override
    public ApplicationScope forServlet(String servletName) {
        return this.servletScopes.getOrDefault(servletName, this);
    }

    private static <T> T runAs(SecurityDomain domain, String role, Callable<T> code) throws Exception {
        // the role replaces the caller's: run-as is who the servlet is towards what it calls
        SecurityIdentity identity = domain.getCurrentSecurityIdentity().withDefaultRoleMapper(RoleMapper.constant(Roles.of(role)));
        try {
            return identity.runAs((PrivilegedExceptionAction<T>) code::call);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }
}
