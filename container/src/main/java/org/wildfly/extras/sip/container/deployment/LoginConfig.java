package org.wildfly.extras.sip.container.deployment;

/**
 * A sip.xml's {@code <login-config>} (JSR 289 §22.4): how callers authenticate. This container enforces DIGEST only, and
 * P-Asserted-Identity only in its {@code SUPPORTED} form, where a request without one authenticates by the auth-method.
 * @param authMethod {@code DIGEST} (the default when a descriptor names none)
 * @param realmName the realm of the challenges, or {@code null} for the application's name
 * @param identityAssertion {@code <identity-assertion-support>}: {@code SUPPORTED} or {@code null}; {@code REQUIRED} is refused
 * @param origin where it is declared, such as {@code "sip.xml line 40"}
 */
public record LoginConfig(String authMethod, String realmName, String identityAssertion, String origin) {

    /** The only auth-method this container enforces (RFC 3261 §22.4: digest is the mandatory scheme; Basic is deprecated). */
    public static final String DIGEST = "DIGEST";
}
