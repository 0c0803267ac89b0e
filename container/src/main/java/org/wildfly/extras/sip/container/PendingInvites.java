package org.wildfly.extras.sip.container;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;

/** The INVITEs received on this node that have no final response yet, which a CANCEL may still end (RFC 3261 §9.2). */
final class PendingInvites {

    /** An INVITE waiting for its final response. */
    record Pending(Deployment deployment, String applicationSessionId, SipServletRequestImpl invite) {
    }

    private final Map<String, Pending> invites = new ConcurrentHashMap<>();

    /** Keeps an INVITE until its final response. */
    void add(Deployment deployment, String applicationSessionId, SipServletRequestImpl invite) {
        this.invites.put(branch(invite.raw()), new Pending(deployment, applicationSessionId, invite));
    }

    /** @return the INVITE a CANCEL cancels (same branch and sent-by, RFC 3261 §9.2), or {@code null} */
    Pending cancelledBy(RawRequest cancel) {
        return this.invites.get(branch(cancel));
    }

    /** Forgets an INVITE that got its final response. */
    void answered(RawRequest invite) {
        this.invites.remove(branch(invite));
    }

    private static String branch(RawRequest request) {
        String via = request.headers().first(HeaderNames.VIA);
        Parameters parameters = new Parameters();
        try {
            String sentBy = SipGrammar.parseParameterable(via, parameters);
            return parameters.get("branch") + ' ' + sentBy;
        } catch (SyntaxException | NullPointerException e) {
            return "";
        }
    }
}
