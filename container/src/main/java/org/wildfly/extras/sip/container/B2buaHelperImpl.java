package org.wildfly.extras.sip.container;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.UAMode;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;

import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.message.SipServletResponseImpl;
import org.wildfly.extras.sip.container.message.SystemHeaders;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionData;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * The B2BUA helper of JSR 289 §12: each leg is a SIP session of its own (own dialog, tags and CSeq space) in the
 * request's application session. The link between two legs is session data, so it moves with the sessions; the
 * links between requests and the pending messages belong to live transactions and stay on this node.
 */
final class B2buaHelperImpl implements B2buaHelper {

    /** Header fields a B2BUA does not copy from one leg to the other: each leg's UA core writes its own. */
    private static final Set<String> NOT_COPIED = Set.of("via", "route", "record-route", "path", "from", "to", "call-id", "cseq", "max-forwards", "contact",
            "content-length", "rack", "rseq");

    private final OutboundRequests requests;
    private final NodeAddresses addresses;
    private final SipServletRequestImpl request;

    B2buaHelperImpl(OutboundRequests requests, NodeAddresses addresses, SipServletRequestImpl request) {
        this.requests = requests;
        this.addresses = addresses;
        this.request = request;
    }

    @Override
    public SipServletRequest createRequest(SipServletRequest origRequest) {
        try {
            return this.createRequest(origRequest, true, null);
        } catch (TooManyHopsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public SipServletRequest createRequest(SipServletRequest origRequest, boolean linked, Map<String, List<String>> headerMap) throws TooManyHopsException {
        SipServletRequestImpl original = impl(origRequest);
        if (original.getMaxForwards() == 0) {
            throw new TooManyHopsException(original.getMethod() + " has Max-Forwards 0: it cannot be forwarded on another leg (483)");
        }
        checkHeaderMap(headerMap, true);
        SipSessionImpl originalSession = original.session();
        SipApplicationSessionImpl applicationSession = (SipApplicationSessionImpl) originalSession.getApplicationSession();
        AddressSyntax from;
        AddressSyntax to;
        try {
            from = party(original.raw().headers().first(HeaderNames.FROM), headerMap, HeaderNames.FROM);
            to = party(original.raw().headers().first(HeaderNames.TO), headerMap, HeaderNames.TO);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Cannot copy From/To onto the new leg: " + e.getMessage(), e);
        }
        SipServletRequestImpl created = copyInNewSession(this.requests, original, from, to, null);
        this.applyHeaderMap(created.raw(), headerMap);
        SipSessionImpl leg = created.session();
        leg.data().setRole(SipSessionData.Role.USER_AGENT);
        if (linked) {
            link(originalSession, leg);
            SipServletRequestImpl.link(original, created);
        }
        return created;
    }

    @Override
    public SipServletRequest createRequest(SipSession session, SipServletRequest origRequest, Map<String, List<String>> headerMap) {
        SipSessionImpl leg = impl(session);
        SipServletRequestImpl original = impl(origRequest);
        checkHeaderMap(headerMap, false);
        String linkedId = leg.data().linkedSessionId();
        if (linkedId != null && !linkedId.equals(original.session().getId())) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is linked to " + linkedId + ", not to the session of " + original.getMethod() + " (" + original.session().getId() + ")");
        }
        SipServletRequestImpl created = (SipServletRequestImpl) leg.createRequest(original.getMethod());
        copy(original.raw(), created.raw());
        this.applyHeaderMap(created.raw(), headerMap);
        if (linkedId == null) {
            link(original.session(), leg);
        }
        SipServletRequestImpl.link(original, created);
        return created;
    }

    @Override
    public SipSession getLinkedSession(SipSession session) {
        SipSessionImpl leg = impl(session);
        if (!leg.isValid()) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is no longer valid");
        }
        String linkedId = leg.data().linkedSessionId();
        return (linkedId != null) ? leg.getApplicationSession().getSipSession(linkedId) : null;
    }

    @Override
    public SipServletRequest getLinkedSipServletRequest(SipServletRequest req) {
        SipServletRequestImpl request = impl(req);
        if (request.linkedRequest() == null && request.isInitial() && request.getMethod().equals("INVITE") && request.session() != null) {
            // on a node that took a call in set-up over, the two legs' INVITEs are rebuilt from the sessions' data: their
            // link is the link of their sessions
            SipSessionImpl other = (SipSessionImpl) this.getLinkedSession(request.session());
            if (other != null && other.pendingInvite(!request.isIncoming()) instanceof SipServletRequestImpl otherInvite && otherInvite.linkedRequest() == null) {
                SipServletRequestImpl.link(request, otherInvite);
            }
        }
        return request.linkedRequest();
    }

    @Override
    public void linkSipSessions(SipSession session1, SipSession session2) {
        if (session1 == null || session2 == null) {
            throw new NullPointerException("linkSipSessions needs two SIP sessions, not " + session1 + " and " + session2);
        }
        SipSessionImpl one = impl(session1);
        SipSessionImpl other = impl(session2);
        for (SipSessionImpl leg : List.of(one, other)) {
            if (!leg.isValid() || leg.data().state() == SipSessionData.State.TERMINATED) {
                throw new IllegalArgumentException("SIP session " + leg.getId() + " is terminated or invalid: it cannot be linked");
            }
        }
        if (!one.getApplicationSession().getId().equals(other.getApplicationSession().getId())) {
            throw new IllegalArgumentException("SIP sessions " + one.getId() + " and " + other.getId() + " belong to different application sessions");
        }
        String oneLink = one.data().linkedSessionId();
        String otherLink = other.data().linkedSessionId();
        if ((oneLink != null && !oneLink.equals(other.getId())) || (otherLink != null && !otherLink.equals(one.getId()))) {
            throw new IllegalArgumentException("SIP session " + ((oneLink != null && !oneLink.equals(other.getId())) ? one.getId() : other.getId())
                    + " is already linked to another session: unlink it first");
        }
        link(one, other);
    }

    @Override
    public void unlinkSipSessions(SipSession session) {
        SipSessionImpl leg = impl(session);
        if (!leg.isValid() || leg.data().state() == SipSessionData.State.TERMINATED) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is terminated or invalid");
        }
        String linkedId = leg.data().linkedSessionId();
        if (linkedId == null) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is not linked to another session");
        }
        SipSessionImpl other = (SipSessionImpl) leg.getApplicationSession().getSipSession(linkedId);
        leg.data().setLinkedSessionId(null);
        if (other != null) {
            other.data().setLinkedSessionId(null);
        }
    }

    @Override
    public List<SipServletMessage> getPendingMessages(SipSession session, UAMode mode) {
        SipSessionImpl leg = impl(session);
        if (!leg.isValid()) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is no longer valid");
        }
        if (mode == null) {
            throw new NullPointerException("getPendingMessages needs a mode, UAC or UAS");
        }
        return pending(leg, mode == UAMode.UAS);
    }

    @Override
    public SipServletResponse createResponseToOriginalRequest(SipSession session, int status, String reasonPhrase) {
        SipSessionImpl leg = impl(session);
        if (!leg.isValid()) {
            throw new IllegalArgumentException("SIP session " + leg.getId() + " is no longer valid");
        }
        for (SipServletMessage message : pending(leg, true)) {
            if (message instanceof SipServletRequestImpl received && received.isInitial()) {
                return received.createResponse(status, reasonPhrase);
            }
        }
        throw new IllegalStateException("SIP session " + leg.getId() + " has no initial request waiting for a response on this node");
    }

    @Override
    public SipServletRequest createCancel(SipSession session) {
        if (session == null) {
            throw new NullPointerException("createCancel needs the session of the INVITE to cancel");
        }
        SipSessionImpl leg = impl(session);
        for (SipServletMessage message : pending(leg, false)) {
            if (message instanceof SipServletRequestImpl sent && sent.getMethod().equals("INVITE")) {
                return sent.createCancel();
            }
        }
        throw new IllegalStateException("SIP session " + leg.getId() + " has no INVITE waiting for its final response: nothing to cancel");
    }

    /**
     * The messages of a session a B2BUA may still act on (JSR 289 §12.3): as UAS, received requests not yet answered
     * finally; as UAC, sent requests without a final response, and 2xx responses to INVITE not yet acknowledged.
     */
    static List<SipServletMessage> pending(SipSessionImpl session, boolean server) {
        session.pendingInvite(server); // rebuilt from the data if another node held the call in set-up
        if (!server) {
            session.pendingSuccess(); // a 2xx another node received, for the application to acknowledge here
        }
        List<Object> messages = session.userAgentMessages(server);
        List<SipServletMessage> pending = new ArrayList<>();
        for (Iterator<Object> iterator = messages.iterator(); iterator.hasNext();) {
            Object message = iterator.next();
            boolean live;
            if (message instanceof SipServletRequestImpl request) {
                live = server ? request.finalResponse() == null : !request.hasFinalResponse();
            } else {
                live = message instanceof SipServletResponseImpl response && !response.isAcknowledged();
            }
            if (live) {
                pending.add((SipServletMessage) message);
            } else {
                iterator.remove();
            }
        }
        return pending;
    }

    private static void link(SipSessionImpl one, SipSessionImpl other) {
        one.data().setLinkedSessionId(other.getId());
        other.data().setLinkedSessionId(one.getId());
    }

    /**
     * A copy of a request in a new SIP session of its application session, as the start of another dialog
     * ({@code B2buaHelper.createRequest}, {@code SipFactory.createRequest(request, sameCallId)}): From and To without
     * their tags (a tag of ours is added to From), the same request-URI and headers but those each UA core writes, one hop
     * less, the same handler; CSeq 1, or the next number for a REGISTER. An initial request received continues its
     * application composition (JSR 289 §15.4.1: CONTINUE by default).
     * @param callId the Call-ID of the new dialog, or {@code null} for a new one
     */
    static SipServletRequestImpl copyInNewSession(OutboundRequests requests, SipServletRequestImpl original, AddressSyntax from, AddressSyntax to, String callId) {
        SipApplicationSessionImpl applicationSession = (SipApplicationSessionImpl) original.session().getApplicationSession();
        SipServletRequestImpl created = requests.createRequest(original.getServletContext(), applicationSession, original.getMethod(), from, to, callId);
        RawRequest raw = created.raw();
        raw.setRequestUri(original.raw().requestUri());
        raw.headers().set(HeaderNames.MAX_FORWARDS, Integer.toString((original.getMaxForwards() > 0) ? original.getMaxForwards() - 1 : 70));
        copy(original.raw(), raw);
        if (original.getMethod().equals("REGISTER")) {
            raw.headers().set(HeaderNames.CSEQ, (org.wildfly.extras.sip.container.dialog.Dialogs.cseqNumberOrNone(original.raw().headers()) + 1) + " REGISTER");
        }
        created.session().data().setHandler(original.session().data().handler());
        if (original.isInitial() && original.isIncoming()) {
            created.continues(SipApplicationRoutingDirective.CONTINUE, original);
        }
        return created;
    }

    private static void copy(RawRequest from, RawRequest to) {
        for (HeaderFields.Field field : from.headers().fields()) {
            if (!NOT_COPIED.contains(HeaderNames.full(field.name()).toLowerCase(Locale.ROOT))) {
                to.headers().add(field);
            }
        }
        if (from.content().length > 0) {
            to.setContent(from.content().clone());
        }
    }

    private static void checkHeaderMap(Map<String, List<String>> headerMap, boolean initial) {
        if (headerMap == null) {
            return;
        }
        for (String name : headerMap.keySet()) {
            boolean party = HeaderNames.same(name, HeaderNames.FROM) || HeaderNames.same(name, HeaderNames.TO);
            if (party && !initial) {
                throw new IllegalArgumentException(name + " cannot be replaced on a request within a dialog: the dialog fixes it");
            }
            boolean allowed = party || HeaderNames.same(name, HeaderNames.ROUTE) || HeaderNames.same(name, HeaderNames.CONTACT);
            if (!allowed && SystemHeaders.isSystem(name, "INVITE", 0)) {
                throw new IllegalArgumentException(name + " is a system header: a B2BUA's header map may replace From, To, Route, Contact and non-system headers only");
            }
        }
    }

    private void applyHeaderMap(RawRequest raw, Map<String, List<String>> headerMap) {
        if (headerMap == null) {
            return;
        }
        for (Map.Entry<String, List<String>> entry : headerMap.entrySet()) {
            String name = entry.getKey();
            if (HeaderNames.same(name, HeaderNames.FROM) || HeaderNames.same(name, HeaderNames.TO)) {
                continue; // applied when the new session was made
            }
            if (HeaderNames.same(name, HeaderNames.CONTACT)) {
                this.applyContactUser(raw, entry.getValue());
                continue;
            }
            raw.headers().remove(name);
            for (String value : entry.getValue()) {
                raw.headers().add(name, value);
            }
        }
    }

    /** JSR 289 §12.2.1: from a Contact in the header map, only the user part (and its parameters) is taken. */
    private void applyContactUser(RawRequest raw, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        try {
            AddressSyntax given = SipGrammar.parseAddress(values.get(0));
            if (given.uri() instanceof org.wildfly.extras.sip.container.syntax.SipUriSyntax uri && uri.user() != null) {
                raw.headers().set(HeaderNames.CONTACT, this.addresses.contactWithUser(raw, uri.user()));
            }
        } catch (SyntaxException e) {
            throw new IllegalArgumentException("Malformed Contact in the header map: " + e.getMessage(), e);
        }
    }

    private static AddressSyntax party(String value, Map<String, List<String>> headerMap, String name) throws SyntaxException {
        AddressSyntax address = SipGrammar.parseAddress(value);
        if (headerMap != null) {
            for (Map.Entry<String, List<String>> entry : headerMap.entrySet()) {
                if (HeaderNames.same(entry.getKey(), name) && !entry.getValue().isEmpty()) {
                    address = SipGrammar.parseAddress(entry.getValue().get(0));
                }
            }
        }
        address.parameters().remove("tag");
        return address;
    }

    private static SipServletRequestImpl impl(SipServletRequest request) {
        if (!(request instanceof SipServletRequestImpl impl)) {
            throw new IllegalArgumentException("Not a request of this container: " + request);
        }
        return impl;
    }

    private static SipSessionImpl impl(SipSession session) {
        if (!(session instanceof SipSessionImpl impl)) {
            throw new IllegalArgumentException("Not a SIP session of this container: " + session);
        }
        return impl;
    }
}
