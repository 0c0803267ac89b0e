package org.wildfly.extras.sip.container;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

import org.wildfly.extras.sip.container.session.SipSessionImpl;

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
        if (!"Join".equalsIgnoreCase(headerName) && !"Replaces".equalsIgnoreCase(headerName)) {
            throw new IllegalArgumentException("A corresponding SIP session is named by a Join or Replaces header, not by " + headerName);
        }
        if (!(session instanceof SipSessionImpl own)) {
            throw new IllegalArgumentException("Not a SIP session of this container: " + session);
        }
        String id = own.correspondingSessionId(headerName);
        SipSession corresponding = (id != null) ? own.getApplicationSession().getSipSession(id) : null;
        if (corresponding != null) {
            return corresponding;
        }
        // the other way round: the session whose Join or Replaces named this one
        for (java.util.Iterator<?> sessions = own.getApplicationSession().getSessions("SIP"); sessions.hasNext();) {
            if (sessions.next() instanceof SipSessionImpl other && own.getId().equals(other.correspondingSessionId(headerName))) {
                return other;
            }
        }
        return null;
    }
}
