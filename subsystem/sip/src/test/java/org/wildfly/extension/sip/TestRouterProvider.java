package org.wildfly.extension.sip;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

import org.wildfly.extras.sip.container.router.DefaultApplicationRouter;

/**
 * An application router provider on the extension's own class path, as an operator's would be in a module.
 */
public class TestRouterProvider extends SipApplicationRouterProvider {

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return new DefaultApplicationRouter();
    }
}
