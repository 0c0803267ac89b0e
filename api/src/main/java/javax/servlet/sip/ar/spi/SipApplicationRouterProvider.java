package javax.servlet.sip.ar.spi;

import javax.servlet.sip.ar.SipApplicationRouter;

/**
 * Supplies the container's application router. A router jar names its concrete subclass, which needs a public
 * no-argument constructor, in {@code META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider};
 * the system property of the same name chooses one when several are present.
 *
 * @since 1.1
 */
public abstract class SipApplicationRouterProvider {

    /**
     * Creates a provider.
     */
    public SipApplicationRouterProvider() {
        super();
    }

    /**
     * Returns the application router this provider supplies.
     *
     * @return the application router
     */
    public abstract SipApplicationRouter getSipApplicationRouter();
}
