package org.wildfly.extras.sip.container;

import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Parameterables;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;

/**
 * The {@link SipFactory} of one application (servlet context attribute {@code javax.servlet.sip.SipFactory}).
 */
final class SipFactoryImpl implements SipFactory {

    private final ApplicationSessions sessions;
    private final OutboundRequests requests;
    private final jakarta.servlet.ServletContext context;

    SipFactoryImpl(ApplicationSessions sessions, OutboundRequests requests, jakarta.servlet.ServletContext context) {
        this.sessions = sessions;
        this.requests = requests;
        this.context = context;
    }

    @Override
    public URI createURI(String uri) throws ServletParseException {
        return Uris.parse(uri);
    }

    @Override
    public SipURI createSipURI(String user, String host) {
        if (host == null) {
            throw new NullPointerException("host");
        }
        return (SipURI) Uris.of(SipUriSyntax.of(user, host, -1), Mode.MUTABLE);
    }

    @Override
    public Address createAddress(String address) throws ServletParseException {
        return Addresses.parse(address);
    }

    @Override
    public Address createAddress(URI uri) {
        return Addresses.of(new AddressSyntax(null, Uris.syntax(uri).copy(), new Parameters()), Mode.MUTABLE);
    }

    @Override
    public Address createAddress(URI uri, String displayName) {
        return Addresses.of(new AddressSyntax(displayName, Uris.syntax(uri).copy(), new Parameters()), Mode.MUTABLE);
    }

    @Override
    public Parameterable createParameterable(String value) throws ServletParseException {
        return Parameterables.parse(value);
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession session, String method, Address from, Address to) {
        return this.requests.createRequest(this.context, session, method, Addresses.syntax(from), Addresses.syntax(to));
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession session, String method, URI from, URI to) {
        return this.createRequest(session, method, this.createAddress(from), this.createAddress(to));
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession session, String method, String from, String to) throws ServletParseException {
        return this.createRequest(session, method, this.createAddress(from), this.createAddress(to));
    }

    @Override
    public SipServletRequest createRequest(SipServletRequest original, boolean sameCallId) {
        if (!(original instanceof SipServletRequestImpl request) || request.session() == null) {
            throw new IllegalArgumentException("The request to copy must be one of this container's, in a SIP session: " + original);
        }
        if (!request.session().getApplicationSession().isValid()) {
            throw new IllegalStateException("The application session of " + request.getMethod() + " is no longer valid");
        }
        try {
            AddressSyntax from = SipGrammar.parseAddress(request.raw().headers().first(HeaderNames.FROM));
            AddressSyntax to = SipGrammar.parseAddress(request.raw().headers().first(HeaderNames.TO));
            return B2buaHelperImpl.copyInNewSession(this.requests, request, from, to, sameCallId ? request.getCallId() : null);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Cannot copy From and To of " + request.getMethod() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SipApplicationSession createApplicationSession() {
        return this.sessions.create(null);
    }

    @Override
    public SipApplicationSession createApplicationSessionByKey(String key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        return this.sessions.create(key);
    }

    @Override
    public AuthInfo createAuthInfo() {
        return new org.wildfly.extras.sip.container.security.AuthInfoImpl();
    }
}
