package org.wildfly.extras.sip.container.router;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * The provider of the {@link DefaultApplicationRouter}, for hosts and operators that name the router they want even
 * when it is the default one.
 */
public final class DefaultApplicationRouterProvider extends SipApplicationRouterProvider {

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return new DefaultApplicationRouter();
    }
}
