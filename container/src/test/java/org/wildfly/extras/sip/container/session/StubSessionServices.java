package org.wildfly.extras.sip.container.session;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;

/**
 * What a deployment gives its sessions, for tests of the sessions alone: its listeners, and nothing that needs a
 * running container (no servlet context, no requests, no timers). Tests override what they watch, such as fireTimer.
 */
public class StubSessionServices implements SessionServices {

    private final SessionListeners listeners;

    public StubSessionServices(SessionListeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public ServletContext servletContext() {
        return null;
    }

    @Override
    public SessionListeners listeners() {
        return this.listeners;
    }

    @Override
    public Address readOnlyAddress(String address) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SipServletRequest createRequest(SipSessionImpl session, String method) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void checkHandler(String name) {
    }

    @Override
    public Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
        return List.of();
    }
}
