package org.wildfly.extras.sip.container;

import java.util.Enumeration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.SipApplicationSession;

import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;

/**
 * An HTTP session of a converged application, as JSR 289 §13.4 shows it to the application: the web container's own
 * session, tied to a SIP application session. The tie is kept on both sides as ids (an HTTP session attribute, and the
 * application session's HTTP session ids), so it survives a failover of either.
 */
public final class ConvergedHttpSessionImpl implements ConvergedHttpSession {

    /** The HTTP session attribute holding the id of its application session. */
    public static final String APPLICATION_SESSION_ATTRIBUTE = "org.wildfly.extras.sip.application-session";

    private final HttpSession session;
    private final ApplicationSessions sessions;
    private final String serverAuthority;
    private final String requestedApplicationSessionId;

    /**
     * @param session the web container's session
     * @param sessions the application sessions of the converged application
     * @param serverAuthority host and port of the request that reached the session, for absolute URLs; {@code null} if none
     * @param requestedApplicationSessionId the application session an encoded URL named ({@code sipappsessionid}), or {@code null}
     */
    ConvergedHttpSessionImpl(HttpSession session, ApplicationSessions sessions, String serverAuthority, String requestedApplicationSessionId) {
        this.session = session;
        this.sessions = sessions;
        this.serverAuthority = serverAuthority;
        this.requestedApplicationSessionId = requestedApplicationSessionId;
    }

    @Override
    public SipApplicationSession getApplicationSession() {
        Object tied = this.session.getAttribute(APPLICATION_SESSION_ATTRIBUTE);
        SipApplicationSessionImpl applicationSession = (tied instanceof String id) ? this.sessions.find(id) : null;
        if (applicationSession == null && this.requestedApplicationSessionId != null) {
            applicationSession = this.sessions.find(this.requestedApplicationSessionId);
        }
        if (applicationSession == null) {
            applicationSession = this.sessions.create(null);
        }
        applicationSession.tieHttpSession(this.session.getId());
        if (!applicationSession.getId().equals(tied)) {
            this.session.setAttribute(APPLICATION_SESSION_ATTRIBUTE, applicationSession.getId());
        }
        return applicationSession;
    }

    @Override
    public String encodeURL(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = (query >= 0) ? query : (fragment >= 0) ? fragment : url.length();
        return url.substring(0, end) + ";jsessionid=" + this.session.getId() + url.substring(end);
    }

    @Override
    public String encodeURL(String relativePath, String scheme) {
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("Scheme " + scheme + " is not http or https");
        }
        if (this.serverAuthority == null) {
            throw new IllegalStateException("HTTP session " + this.session.getId() + " was not reached through a request: no host to build an absolute URL with");
        }
        String path = relativePath.startsWith("/") ? relativePath : "/" + relativePath;
        return this.encodeURL(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + this.serverAuthority + this.session.getServletContext().getContextPath() + path);
    }

    /** @return the web container's session this one shows */
    public HttpSession delegate() {
        return this.session;
    }

    @Override
    public long getCreationTime() {
        return this.session.getCreationTime();
    }

    @Override
    public String getId() {
        return this.session.getId();
    }

    @Override
    public long getLastAccessedTime() {
        return this.session.getLastAccessedTime();
    }

    @Override
    public ServletContext getServletContext() {
        return this.session.getServletContext();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        this.session.setMaxInactiveInterval(interval);
    }

    @Override
    public int getMaxInactiveInterval() {
        return this.session.getMaxInactiveInterval();
    }

    @Override
    public Object getAttribute(String name) {
        return this.session.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return this.session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
        this.session.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        this.session.removeAttribute(name);
    }

    @Override
    public void invalidate() {
        this.session.invalidate();
    }

    @Override
    public boolean isNew() {
        return this.session.isNew();
    }

    @Override
    public boolean equals(Object object) {
        return object instanceof ConvergedHttpSessionImpl other && other.session.getId().equals(this.session.getId());
    }

    @Override
    public int hashCode() {
        return this.session.getId().hashCode();
    }

    @Override
    public String toString() {
        return "HTTP session " + this.session.getId() + " of " + this.sessions.applicationName();
    }
}
