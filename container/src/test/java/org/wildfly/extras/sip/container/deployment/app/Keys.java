package org.wildfly.extras.sip.container.deployment.app;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;

/** The application's session key. */
public final class Keys {

    private Keys() {
    }

    /**
     * @param request an initial request
     * @return its Call-ID
     */
    @SipApplicationKey
    public static String byCallId(SipServletRequest request) {
        return request.getCallId();
    }

    /**
     * Not annotated: no key.
     * @param request an initial request
     * @return its From
     */
    public static String byFrom(SipServletRequest request) {
        return request.getFrom().toString();
    }
}
