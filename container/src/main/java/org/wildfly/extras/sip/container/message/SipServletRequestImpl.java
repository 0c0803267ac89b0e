package org.wildfly.extras.sip.container.message;

import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;

import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.address.Uris;
import org.wildfly.extras.sip.container.security.AuthInfoImpl;
import org.wildfly.extras.sip.container.security.DigestClient;
import org.wildfly.extras.sip.container.security.DigestParameters;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.ServerTransaction;

/**
 * A SIP request: one the container received (with its server transaction), or one the application will send.
 */
public final class SipServletRequestImpl extends ServletRequestParts {

    private final RawRequest raw;
    private final ServerTransaction transaction;
    private final boolean initial;
    private final ServletContext servletContext;
    private SipServletResponseImpl finalResponse;
    private SipApplicationRoutingDirective routingDirective = SipApplicationRoutingDirective.NEW;
    private String responseTag;
    private volatile boolean finalResponseReceived;
    private Proxy proxy;
    private boolean proxying;
    // sent by the container on its own (the BYE of a 2xx nobody acknowledged): its responses are not the application's
    private volatile boolean containerOwn;
    private B2buaHelper b2buaHelper;
    private String poppedRoute;
    private SipServletRequestImpl linkedRequest;
    // what the application router chose for this received initial request; for one the application sends, the choice it
    // continues or reverses (JSR 289 §15.4.1: the state info and region go back to the router with the directive)
    private ApplicationSelection selection;
    // whether the application chose the directive (setRoutingDirective), or the container set it (CONTINUE of a proxy
    // branch, a B2BUA leg, a copy); a NEW request made from an application session has neither
    private boolean directiveChosen;
    // RFC 3262: the RSeq of this INVITE's next reliable provisional response (UAS), the last one received (UAC)
    private long nextRseq = 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 30);
    private long lastRseqReceived = -1;

    /**
     * @param raw the request
     * @param transaction its server transaction for a received request other than ACK; {@code null} otherwise
     * @param initial whether it is an initial request (JSR 289 §15.2.1): outside a dialog, selecting an application
     * @param sender sends it or its responses
     * @param peer where a received request came from; {@code null} for one we send
     * @param localAddress the address it was received on
     * @param localPort the port it was received on
     * @param servletContext the application's servlet context
     */
    public SipServletRequestImpl(RawRequest raw, ServerTransaction transaction, boolean initial, MessageSender sender, Peer peer, String localAddress, int localPort, ServletContext servletContext) {
        super(raw, sender, peer, localAddress, localPort);
        this.raw = raw;
        this.transaction = transaction;
        this.initial = initial;
        this.servletContext = servletContext;
    }

    /** @return the request's fields */
    @Override
    public RawRequest raw() {
        return this.raw;
    }

    /** @return its server transaction, or {@code null} */
    public ServerTransaction transaction() {
        return this.transaction;
    }

    /** @return the final response sent to it, or {@code null} */
    public SipServletResponseImpl finalResponse() {
        return this.finalResponse;
    }

    /** @return the To tag of our responses to this request, once chosen */
    public String responseTag() {
        return this.responseTag;
    }

    /** Chooses the To tag of our responses to this request (RFC 3261 §8.2.6.2): the same for all of them. */
    public void setResponseTag(String tag) {
        this.responseTag = tag;
    }

    /** A final response went upstream: sent by the application, or forwarded by its proxy. */
    public void finalResponseSent(SipServletResponseImpl response) {
        this.finalResponse = response;
        this.commit();
        if (this.initial && this.session() != null && this.getMethod().equals("INVITE")) {
            this.session().data().setReceivedInvite(null); // no other node has to answer it now
        }
    }

    @Override
    int status() {
        return 0;
    }

    @Override
    public String getMethod() {
        return this.raw.method();
    }

    @Override
    public URI getRequestURI() {
        try {
            return Uris.of(SipGrammar.parseUri(this.raw.requestUri()), this.isIncoming() || this.isCommitted() ? Mode.READ_ONLY : Mode.MUTABLE);
        } catch (SyntaxException e) {
            throw new IllegalStateException("Malformed request-URI in " + this.describe(), e);
        }
    }

    @Override
    public void setRequestURI(URI uri) {
        if (this.isCommitted() || this.isIncoming()) {
            throw new IllegalStateException(this.describe() + " cannot change: it was received or sent");
        }
        this.raw.setRequestUri(uri.toString());
    }

    @Override
    public void pushRoute(SipURI uri) {
        this.pushRoute("<" + uri + ">");
    }

    @Override
    public void pushRoute(Address address) {
        this.pushRoute(address.toString());
    }

    private void pushRoute(String route) {
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " cannot change: it was sent or answered");
        }
        this.raw.headers().addFirst(HeaderNames.ROUTE, route);
    }

    @Override
    public int getMaxForwards() {
        String value = this.raw.headers().first(HeaderNames.MAX_FORWARDS);
        try {
            return (value != null) ? Integer.parseInt(value.trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void setMaxForwards(int n) {
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException("Max-Forwards must be 0 to 255, not " + n);
        }
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent");
        }
        this.raw.headers().set(HeaderNames.MAX_FORWARDS, Integer.toString(n));
    }

    @Override
    public void send() throws IOException {
        if (this.isIncoming()) {
            throw new IllegalStateException(this.describe() + " was received: it is answered with createResponse(...).send(), not sent");
        }
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent");
        }
        this.sender().send(this);
        this.commit();
    }

    @Override
    public boolean isInitial() {
        return this.initial;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        return null; // JSR 289: SIP requests are not read as streams
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return null; // JSR 289: SIP requests are not read as streams
    }

    @Override
    public Proxy getProxy() throws TooManyHopsException {
        return this.getProxy(true);
    }

    @Override
    public Proxy getProxy(boolean create) throws TooManyHopsException {
        if (this.proxy != null || !create) {
            return this.proxy;
        }
        if (!this.isIncoming() || this.transaction == null) {
            throw new IllegalStateException("Only a received request other than ACK and CANCEL is proxied, not " + this.describe());
        }
        if (this.b2buaHelper != null || (this.session() != null && this.session().data().role() == SipSessionData.Role.USER_AGENT)) {
            throw new IllegalStateException(this.describe() + " is handled as a user agent (B2BUA, UAS or UAC) by the application: it cannot be proxied too");
        }
        if (this.finalResponse != null) {
            throw new IllegalStateException(this.describe() + " was already answered " + this.finalResponse.getStatus() + ": it cannot be proxied");
        }
        if (this.getMaxForwards() == 0) {
            throw new TooManyHopsException(this.describe() + " has Max-Forwards 0: it cannot be forwarded (483)");
        }
        this.proxy = this.sender().createProxy(this);
        return this.proxy;
    }

    /** The container proxies this request: a subsequent request of a record-routed dialog. */
    public void setProxy(Proxy proxy) {
        this.proxy = proxy;
    }

    /** Proxying started on a branch: from now on only the proxy answers this request. */
    public void markProxying() {
        this.proxying = true;
    }

    /** The container sends this request on its own; its responses end with the container, not in the application. */
    public void markContainerOwn() {
        this.containerOwn = true;
    }

    /** @return whether the container sent this request on its own */
    public boolean isContainerOwn() {
        return this.containerOwn;
    }

    /** @return the route the container popped because it named this container, or {@code null} */
    public String poppedRoute() {
        return this.poppedRoute;
    }

    public void setPoppedRoute(String route) {
        this.poppedRoute = route;
    }

    /** @return the request of the other B2BUA leg this one is linked to, or {@code null} */
    public SipServletRequestImpl linkedRequest() {
        return this.linkedRequest;
    }

    /** Links two requests of the two legs of a B2BUA, both ways ({@code B2buaHelper.getLinkedSipServletRequest}). */
    public static void link(SipServletRequestImpl one, SipServletRequestImpl other) {
        one.linkedRequest = other;
        other.linkedRequest = one;
    }

    @Override
    public SipServletResponse createResponse(int status) {
        return this.createResponse(status, null);
    }

    @Override
    public SipServletResponse createResponse(int status, String reasonPhrase) {
        if (!this.isIncoming() || this.transaction == null) {
            throw new IllegalStateException("Only a received request other than ACK is answered, not " + this.describe());
        }
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("Status " + status + " is not a SIP status code (100-699)");
        }
        if (this.finalResponse != null) {
            throw new IllegalStateException(this.describe() + " already got its final response " + this.finalResponse.getStatus());
        }
        if (this.proxying && status >= 200) {
            throw new IllegalStateException(this.describe() + " is being proxied: its proxy sends the final response upstream, the application may send only provisional ones");
        }
        RawResponse response = RawResponse.answering(this.raw, status, reasonPhrase);
        if (status > 100 && status < 300) {
            // dialog-creating responses echo the Record-Route of the request (RFC 3261 §12.1.1)
            for (String value : this.raw.headers().all(HeaderNames.RECORD_ROUTE)) {
                response.headers().add(HeaderNames.RECORD_ROUTE, value);
            }
        }
        SipServletResponseImpl result = new SipServletResponseImpl(response, this, this.sender());
        result.setSession(this.session());
        return result;
    }

    /** @return whether a final response to this request, which the application sent, has arrived */
    public boolean hasFinalResponse() {
        return this.finalResponseReceived;
    }

    /** A final response to this request, which the application sent, has arrived: it can no longer be cancelled. */
    public void finalResponseReceived() {
        this.finalResponseReceived = true;
        if (this.initial && this.session() != null && this.getMethod().equals("INVITE")) {
            this.session().data().setSentInvite(null); // no other node has to take its answer now
        }
    }

    @Override
    public SipServletRequest createCancel() {
        if (this.isIncoming() || !this.getMethod().equals("INVITE")) {
            throw new IllegalStateException("Only an INVITE the application sent is cancelled, not " + this.describe());
        }
        if (!this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was not sent yet: there is nothing to cancel");
        }
        if (this.finalResponseReceived) {
            throw new IllegalStateException(this.describe() + " already got its final response: it can no longer be cancelled");
        }
        SipServletRequestImpl cancel = new SipServletRequestImpl(this.raw.cancelling(), null, false, this.sender(), null, null, -1, this.servletContext);
        cancel.setSession(this.session());
        return cancel;
    }

    @Override
    public void pushPath(Address uri) {
        throw new IllegalStateException("Path is pushed only on REGISTER requests a proxy forwards, which this container does not support yet");
    }

    @Override
    public B2buaHelper getB2buaHelper() {
        if (this.b2buaHelper != null) {
            return this.b2buaHelper;
        }
        if (this.proxy != null || (this.session() != null && this.session().data().role() == SipSessionData.Role.PROXY)) {
            throw new IllegalStateException(this.describe() + " is proxied by the application: it cannot act as a B2BUA too");
        }
        this.b2buaHelper = this.sender().b2buaHelper(this);
        if (this.session() != null) {
            this.session().data().setRole(SipSessionData.Role.USER_AGENT);
        }
        return this.b2buaHelper;
    }

    @Override
    public Address getPoppedRoute() {
        return this.poppedAddress();
    }

    @Override
    public Address getInitialPoppedRoute() {
        return this.poppedAddress();
    }

    private Address poppedAddress() {
        if (this.poppedRoute == null) {
            return null;
        }
        try {
            return MessageAddresses.address(this.poppedRoute, Mode.READ_ONLY);
        } catch (javax.servlet.sip.ServletParseException e) {
            return null;
        }
    }

    @Override
    public SipApplicationRoutingDirective getRoutingDirective() {
        if (!this.initial) {
            throw new IllegalStateException(this.describe() + " is not an initial request");
        }
        return this.routingDirective;
    }

    @Override
    public void setRoutingDirective(SipApplicationRoutingDirective directive, SipServletRequest origin) {
        if (this.isCommitted() || this.isIncoming() || !this.initial) {
            throw new IllegalStateException("The routing directive is set on an initial request the application will send, not on " + this.describe());
        }
        if (directive == null) {
            throw new IllegalArgumentException("The routing directive is NEW, CONTINUE or REVERSE, not null");
        }
        this.directiveChosen = true;
        if (directive == SipApplicationRoutingDirective.NEW) {
            this.continues(directive, null);
            return;
        }
        if (!(origin instanceof SipServletRequestImpl received) || !received.isIncoming() || !received.isInitial()) {
            throw new IllegalStateException(directive + " needs the initial request the application received, which it continues or reverses, not " + origin);
        }
        this.continues(directive, received);
    }

    /**
     * Sets the directive of a request the application sends and the received request it goes on from: the application
     * router is asked with that request's state (JSR 289 §15.4.1).
     * @param directive the routing directive
     * @param origin the initial request received, or {@code null} for NEW
     */
    public void continues(SipApplicationRoutingDirective directive, SipServletRequestImpl origin) {
        this.directiveChosen = true;
        this.routingDirective = directive;
        this.selection = (origin != null) ? origin.selection : null;
    }

    /** @return the RSeq for this INVITE's next reliable provisional response: one more than the last (RFC 3262 §3) */
    public synchronized long nextRseq() {
        return this.nextRseq++;
    }

    /**
     * @param rseq the RSeq of a reliable provisional response to this request
     * @return whether it is a new one, not a retransmission or one overtaken (RFC 3262 §4: only RSeq one higher than the
     *         last is new; the first one received sets the start)
     */
    public synchronized boolean reliableReceived(long rseq) {
        if (this.lastRseqReceived >= 0 && rseq <= this.lastRseqReceived) {
            return false;
        }
        this.lastRseqReceived = rseq;
        return true;
    }

    /** @return whether the directive was set: by the application, or by the container for a request that continues one */
    public boolean directiveChosen() {
        return this.directiveChosen;
    }

    /**
     * Records, on a received initial request, how the application router routed it.
     * @param directive the directive it was routed with
     * @param selection what the router chose
     */
    public void routed(SipApplicationRoutingDirective directive, ApplicationSelection selection) {
        this.routingDirective = directive;
        this.selection = selection;
    }

    /**
     * @return on a received initial request, what the application router chose for it; on a request the application
     *         sends, the choice it continues; {@code null} if none
     */
    public ApplicationSelection selection() {
        return this.selection;
    }

    @Override
    public SipApplicationRoutingRegion getRegion() {
        return (this.session() != null && this.initial) ? this.session().getRegion() : null;
    }

    @Override
    public URI getSubscriberURI() {
        return (this.session() != null && this.initial) ? this.session().getSubscriberURI() : null;
    }

    @Override
    public void addAuthHeader(SipServletResponse challengeResponse, AuthInfo authInfo) {
        if (!(authInfo instanceof AuthInfoImpl credentials)) {
            throw new IllegalArgumentException("AuthInfo not made by this container's SipFactory.createAuthInfo: " + authInfo);
        }
        this.answerChallenges(challengeResponse, credentials::find);
    }

    @Override
    public void addAuthHeader(SipServletResponse challengeResponse, String username, String password) {
        AuthInfoImpl.Credentials credentials = new AuthInfoImpl.Credentials(username, password);
        this.answerChallenges(challengeResponse, (status, realm) -> credentials);
    }

    /** Adds credentials for each digest challenge of a 401 or 407 that the application has credentials for (RFC 3261 §22.2, §22.3). */
    private void answerChallenges(SipServletResponse challengeResponse, java.util.function.BiFunction<Integer, String, AuthInfoImpl.Credentials> credentials) {
        if (this.isCommitted()) {
            throw new IllegalStateException(this.describe() + " was already sent: it can no longer take credentials");
        }
        int status = challengeResponse.getStatus();
        if (status != 401 && status != 407) {
            throw new IllegalArgumentException("a " + status + " is no challenge; addAuthHeader answers a 401 or a 407");
        }
        String challengeHeader = (status == 401) ? "WWW-Authenticate" : "Proxy-Authenticate";
        String answerHeader = (status == 401) ? "Authorization" : "Proxy-Authorization";
        java.util.ListIterator<String> challenges = challengeResponse.getHeaders(challengeHeader);
        while (challenges.hasNext()) {
            DigestParameters challenge = DigestParameters.parse(challenges.next());
            if (challenge == null || !challenge.isDigest()) {
                continue;
            }
            AuthInfoImpl.Credentials given = credentials.apply(status, challenge.get("realm"));
            if (given == null) {
                continue;
            }
            String answer = DigestClient.authorization(challenge, this.getMethod(), this.raw().requestUri(), given.username(), given.password());
            if (answer != null) {
                this.raw().headers().add(answerHeader, answer);
            }
        }
    }

    @Override
    public ServletContext getServletContext() {
        return this.servletContext;
    }
}
