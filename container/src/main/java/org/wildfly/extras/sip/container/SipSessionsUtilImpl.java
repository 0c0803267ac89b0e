package org.wildfly.extras.sip.container;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

/**
 * The {@link SipSessionsUtil} of one application (servlet context attribute {@code javax.servlet.sip.SipSessionsUtil}).
 */
final class SipSessionsUtilImpl implements SipSessionsUtil {

    private final ApplicationSessions sessions;

    SipSessionsUtilImpl(ApplicationSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public SipApplicationSession getApplicationSessionById(String applicationSessionId) {
        if (applicationSessionId == null) {
            throw new NullPointerException("applicationSessionId");
        }
        return this.sessions.find(applicationSessionId);
    }

    @Override
    public SipApplicationSession getApplicationSessionByKey(String key, boolean create) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        return create ? this.sessions.create(key)
                : this.sessions.find(org.wildfly.extras.sip.container.session.SessionKeys.fromKey(this.sessions.applicationName(), key));
    }

    @Override
    public SipSession getCorrespondingSipSession(SipSession session, String headerName) {
        return null; // Join and Replaces (RFC 3911, RFC 3891) come with the B2BUA support
    }
}
