package org.wildfly.extras.sip.container.deployment;

/**
 * A sip.xml's {@code <login-config>} (JSR 289 §22.4): how callers authenticate.
 * @param authMethod {@link #DIGEST} (the default when a descriptor names none) or {@link #CLIENT_CERT}
 * @param realmName the realm of the challenges, or {@code null} for the application's name
 * @param identityAssertion {@code <identity-assertion-support>} of a P-Asserted-Identity {@code <identity-assertion>}:
 *        {@link #REQUIRED}, {@link #SUPPORTED}, or {@code null} without one
 * @param origin where it is declared, such as {@code "sip.xml line 40"}
 */
public record LoginConfig(String authMethod, String realmName, String identityAssertion, String origin) {

    /** Digest authentication (RFC 3261 §22.4: the mandatory scheme; Basic is deprecated). */
    public static final String DIGEST = "DIGEST";
    /** The certificate chain a peer presented on its TLS connection. */
    public static final String CLIENT_CERT = "CLIENT-CERT";
    /** A request a constraint covers needs a P-Asserted-Identity from a trusted host. */
    public static final String REQUIRED = "REQUIRED";
    /** A P-Asserted-Identity from a trusted host authenticates; without one, the auth-method does. */
    public static final String SUPPORTED = "SUPPORTED";
}
