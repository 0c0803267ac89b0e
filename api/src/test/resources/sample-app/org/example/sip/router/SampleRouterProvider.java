package org.example.sip.router;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * Makes {@link SampleRouter} the container's application router, through
 * {@code META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider}.
 */
public class SampleRouterProvider extends SipApplicationRouterProvider {

    private final SampleRouter router = new SampleRouter();

    public SampleRouterProvider() {
        super();
    }

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return this.router;
    }
}
