package org.wildfly.extras.sip.container.deployment;

import java.util.List;
import java.util.Set;

/**
 * One {@code <security-constraint>} of a sip.xml (JSR 289 §22.3): the requests it covers (its resource collections), whether
 * the caller authenticates to a proxy (407) rather than to a user agent (401), and the roles allowed.
 * @param displayName its {@code <display-name>}, or {@code null}
 * @param collections the requests it covers; a request is covered if any collection names its servlet and method
 * @param proxyAuthentication {@code <proxy-authentication/>}: challenge with 407 and Proxy-Authenticate
 * @param roles the {@code <role-name>}s of its {@code <auth-constraint>}; {@code null} without {@code <auth-constraint>} (no
 *        authentication asked), empty for an {@code <auth-constraint>} naming no role (nobody is allowed)
 * @param origin where it is declared, such as {@code "sip.xml line 13"}
 * @param transportGuarantee the {@code <transport-guarantee>} of its {@code <user-data-constraint>}; {@code null} without one
 */
public record SecurityConstraint(String displayName, List<ResourceCollection> collections, boolean proxyAuthentication, Set<String> roles, String origin,
        TransportGuarantee transportGuarantee) {

    /**
     * A {@code <transport-guarantee>} (JSR 289 §22.3, as Servlet's): INTEGRAL and CONFIDENTIAL both ask for TLS, which gives
     * both; NONE asks for nothing.
     */
    public enum TransportGuarantee {
        NONE, INTEGRAL, CONFIDENTIAL;

        /** @return whether a request under this guarantee must come over TLS */
        public boolean needsTls() {
            return this != NONE;
        }
    }

    /** The role name that stands for every role the application declares ({@code <security-role>}). */
    public static final String ANY_DECLARED_ROLE = "*";
    /** The role name that stands for any authenticated caller (Servlet 3.1 §13.8). */
    public static final String ANY_AUTHENTICATED = "**";

    public SecurityConstraint {
        collections = List.copyOf(collections);
        roles = (roles != null) ? Set.copyOf(roles) : null;
    }

    /** A constraint without {@code <user-data-constraint>}. */
    public SecurityConstraint(String displayName, List<ResourceCollection> collections, boolean proxyAuthentication, Set<String> roles, String origin) {
        this(displayName, collections, proxyAuthentication, roles, origin, null);
    }

    /** @return whether this constraint asks that the requests it covers come over TLS */
    public boolean needsTls() {
        return this.transportGuarantee != null && this.transportGuarantee.needsTls();
    }

    /**
     * @param servlet the servlet a request goes to
     * @param method the request's method
     * @return whether this constraint covers that request
     */
    public boolean covers(String servlet, String method) {
        for (ResourceCollection collection : this.collections) {
            if (collection.covers(servlet, method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code <resource-collection>}: servlets and SIP methods.
     * @param name its {@code <resource-name>}
     * @param servletNames the servlets it covers; empty: every servlet of the application
     * @param methods the SIP methods it covers, upper case; empty: every method
     */
    public record ResourceCollection(String name, List<String> servletNames, List<String> methods) {
        public ResourceCollection {
            servletNames = List.copyOf(servletNames);
            methods = List.copyOf(methods);
        }

        boolean covers(String servlet, String method) {
            return (this.servletNames.isEmpty() || this.servletNames.contains(servlet)) && (this.methods.isEmpty() || this.methods.contains(method));
        }
    }
}
