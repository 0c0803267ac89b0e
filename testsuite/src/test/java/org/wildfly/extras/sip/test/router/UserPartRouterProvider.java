package org.wildfly.extras.sip.test.router;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * The provider of {@link UserPartRouter}, as a router jar ships it: the class an operator names in the {@code sip}
 * subsystem's {@code application-router} attribute.
 */
public class UserPartRouterProvider extends SipApplicationRouterProvider {

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return new UserPartRouter();
    }
}
