package org.wildfly.extras.sip.container;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.syntax.Parameters;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;

/**
 * The INVITEs received on this node that have no final response yet, which a CANCEL may still end (RFC 3261 §9.2).
 * An initial INVITE is known from the moment it arrives, before it waits its turn for its application session: a
 * CANCEL sent right behind it finds it, and the INVITE is then answered 487 without reaching the application.
 */
final class PendingInvites {

    /** An INVITE waiting for its final response; from its arrival, to its start (an application session), to its request object. */
    static final class Pending {
        private Deployment deployment;
        private String applicationSessionId;
        private SipServletRequestImpl invite;
        private boolean started;
        private boolean cancelledEarly;

        synchronized Deployment deployment() {
            return this.deployment;
        }

        synchronized String applicationSessionId() {
            return this.applicationSessionId;
        }

        /** @return the request the application got, or {@code null} if it has not got it (yet) */
        synchronized SipServletRequestImpl invite() {
            return this.invite;
        }

        /**
         * A CANCEL came: if the INVITE has not started yet, it will be answered 487 when its turn comes.
         * @return {@code true} if so; {@code false} if it started, and the CANCEL is for its application session to handle
         */
        synchronized boolean cancelBeforeStart() {
            if (this.started) {
                return false;
            }
            this.cancelledEarly = true;
            return true;
        }

        synchronized boolean start(Deployment deployment, String applicationSessionId) {
            if (this.cancelledEarly) {
                return false;
            }
            this.started = true;
            this.deployment = deployment;
            this.applicationSessionId = applicationSessionId;
            return true;
        }

        synchronized void register(Deployment deployment, String applicationSessionId, SipServletRequestImpl invite) {
            this.started = true;
            this.deployment = deployment;
            this.applicationSessionId = applicationSessionId;
            this.invite = invite;
        }
    }

    private final Map<String, Pending> invites = new ConcurrentHashMap<>();

    /** An initial INVITE arrived (on the transport's thread, before it is queued): a CANCEL may end it from now on. */
    void arrived(RawRequest invite) {
        String branch = branch(invite);
        if (branch != null) {
            this.invites.putIfAbsent(branch, new Pending());
        }
    }

    /**
     * An INVITE's turn came, in an application session of an application: from now on a CANCEL is handled there.
     * @return {@code false} if a CANCEL came first: the INVITE is to be answered 487, and the application not to see it
     */
    boolean start(RawRequest invite, Deployment deployment, String applicationSessionId) {
        String branch = branch(invite);
        return branch == null || this.invites.computeIfAbsent(branch, key -> new Pending()).start(deployment, applicationSessionId);
    }

    /** Keeps an INVITE the application got until its final response. */
    void add(Deployment deployment, String applicationSessionId, SipServletRequestImpl invite) {
        String branch = branch(invite.raw());
        if (branch != null) {
            this.invites.computeIfAbsent(branch, key -> new Pending()).register(deployment, applicationSessionId, invite);
        }
    }

    /** @return the INVITE a CANCEL cancels (same branch and sent-by, RFC 3261 §9.2), or {@code null} */
    Pending cancelledBy(RawRequest cancel) {
        String branch = branch(cancel);
        return (branch != null) ? this.invites.get(branch) : null;
    }

    /** Forgets an INVITE that got its final response. */
    void answered(RawRequest invite) {
        String branch = branch(invite);
        if (branch != null) {
            this.invites.remove(branch);
        }
    }

    /** @return the top Via's branch and sent-by, or {@code null} if it has no branch or does not parse */
    static String branch(RawRequest request) {
        String via = request.headers().first(HeaderNames.VIA);
        Parameters parameters = new Parameters();
        try {
            String sentBy = SipGrammar.parseParameterable(via, parameters);
            String branch = parameters.get("branch");
            return (branch != null) ? branch + ' ' + sentBy : null;
        } catch (SyntaxException | NullPointerException e) {
            return null;
        }
    }
}
