/**
 * The contract between the container and the application router, which picks the applications that serve an
 * initial request, one after the other (JSR 289 §15).
 *
 * @since 1.1
 */
package javax.servlet.sip.ar;
