/**
 * Authentication and authorization of the requests an application's {@code <security-constraint>}s name (JSR 289 §22):
 * HTTP digest as RFC 3261 §22 uses it, over an identity store the host supplies. Imports only {@code deployment}.
 */
package org.wildfly.extras.sip.container.security;
