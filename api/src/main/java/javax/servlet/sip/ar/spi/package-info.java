/**
 * How the container finds the application router: a {@link javax.servlet.sip.ar.spi.SipApplicationRouterProvider}
 * registered as a service provider, or named by the system property
 * {@code javax.servlet.sip.ar.spi.SipApplicationRouterProvider}.
 *
 * @since 1.1
 */
package javax.servlet.sip.ar.spi;
