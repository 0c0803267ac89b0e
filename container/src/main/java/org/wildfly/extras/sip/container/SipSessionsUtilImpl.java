package org.wildfly.extras.sip.container;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

/**
 * The {@link SipSessionsUtil} of one application (servlet context attribute {@code javax.servlet.sip.SipSessionsUtil}).
 */
final class SipSessionsUtilImpl implements SipSessionsUtil {

    private final SipContainer container;
    private final String application;

    SipSessionsUtilImpl(SipContainer container, String application) {
        this.container = container;
        this.application = application;
    }

    @Override
    public SipApplicationSession getApplicationSessionById(String applicationSessionId) {
        if (applicationSessionId == null) {
            throw new NullPointerException("applicationSessionId");
        }
        return this.container.findApplicationSession(this.application, applicationSessionId);
    }

    @Override
    public SipApplicationSession getApplicationSessionByKey(String key, boolean create) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        return create ? this.container.createApplicationSession(this.application, key)
                : this.container.findApplicationSession(this.application, org.wildfly.extras.sip.container.session.SessionKeys.fromKey(this.application, key));
    }

    @Override
    public SipSession getCorrespondingSipSession(SipSession session, String headerName) {
        return null; // Join and Replaces (RFC 3911, RFC 3891) come with the B2BUA support
    }
}
