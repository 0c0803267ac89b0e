/**
 * The SIP Servlet 1.1 API (JSR 289): servlets, messages, sessions, proxying, B2BUA support,
 * timers and listeners for SIP applications.
 *
 * <p>This edition keeps the package {@code javax.servlet.sip} and every JSR 289 signature, but its
 * Servlet supertypes and parameter types come from {@code jakarta.servlet}.</p>
 */
package javax.servlet.sip;
