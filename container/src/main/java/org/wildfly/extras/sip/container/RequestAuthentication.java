package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;

import org.wildfly.extras.sip.container.security.ApplicationSecurity;
import org.wildfly.extras.sip.container.security.DigestAuthenticator;
import org.wildfly.extras.sip.container.security.SipIdentity;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Enforces an application's security constraints before its servlet sees a request (JSR 289 §22): a request a constraint
 * covers is answered 401 (or 407, for {@code <proxy-authentication/>}) until it carries digest credentials of the
 * application's realm, and 403 if the caller has none of the roles allowed. The servlet never sees a refused request.
 */
final class RequestAuthentication {

    private static final System.Logger LOGGER = System.getLogger(RequestAuthentication.class.getName());

    /**
     * @param admitted whether the servlet may have the request
     * @param identity the authenticated caller; {@code null} when the request needed no authentication
     */
    record Admission(boolean admitted, SipIdentity identity) {
        static final Admission OPEN = new Admission(true, null);
        static final Admission REFUSED = new Admission(false, null);
    }

    /** The reason phrase of a request refused for want of TLS: 403, as no credentials would make this transport do. */
    static final String TLS_REQUIRED = "Forbidden (TLS required)";

    private final DigestAuthenticator digest;

    RequestAuthentication(DigestAuthenticator digest) {
        this.digest = digest;
    }

    /**
     * Checks a request against its application's constraints; a request it refuses is answered here.
     * @param deployment the application
     * @param servlet the servlet the request goes to
     * @param raw the request
     * @param transaction its server transaction ({@code null} for an ACK)
     * @param peer where it came from, over which transport
     * @return whether the servlet may have it, and who sent it
     */
    Admission admit(Deployment deployment, String servlet, RawRequest raw, ServerTransaction transaction, Peer peer) {
        ApplicationSecurity security = deployment.definition().security();
        if (security != null && peer.transport() != Transport.TLS && security.requiresTls(servlet, raw.method())) {
            // before any challenge: credentials sent again over this connection would not make it confidential
            LOGGER.log(Level.DEBUG, "Refusing {0} to application {1} over {2}: a <transport-guarantee> asks for TLS, Call-ID {3}", raw.method(), deployment.applicationName(),
                    peer.transport(), raw.callId());
            Replies.reject(raw, transaction, 403, TLS_REQUIRED);
            return Admission.REFUSED;
        }
        ApplicationSecurity.Requirement requirement = (security != null) ? security.requirement(servlet, raw.method()) : null;
        if (requirement == null) {
            return Admission.OPEN;
        }
        if (requirement.deniesAll()) {
            Replies.reject(raw, transaction, 403, "Forbidden");
            return Admission.REFUSED;
        }
        String credentials = requirement.proxy() ? "Proxy-Authorization" : "Authorization";
        DigestAuthenticator.Outcome outcome = this.digest.authenticate(raw.method(), raw.headers().all(credentials), security.realm(), security.store(), security.nonceLifetime());
        if (outcome instanceof DigestAuthenticator.Challenge challenge) {
            LOGGER.log(Level.DEBUG, "Challenging {0} to application {1}, Call-ID {2}: {3}", raw.method(), deployment.applicationName(), raw.callId(), challenge.reason());
            RawResponse response = Replies.answer(raw, requirement.proxy() ? 407 : 401, null);
            response.headers().add(requirement.proxy() ? "Proxy-Authenticate" : "WWW-Authenticate", this.digest.challenge(security.realm(), challenge.stale()));
            Replies.respond(raw, transaction, response);
            return Admission.REFUSED;
        }
        DigestAuthenticator.Authenticated authenticated = (DigestAuthenticator.Authenticated) outcome;
        SipIdentity identity = authenticated.account().authorize();
        if (identity == null || !security.permits(requirement, identity)) {
            LOGGER.log(Level.DEBUG, "User {0} may not send {1} to application {2} (roles {3})", authenticated.username(), raw.method(), deployment.applicationName(),
                    (identity != null) ? identity.roles() : "none: the store did not let the user in");
            Replies.reject(raw, transaction, 403, "Forbidden");
            return Admission.REFUSED;
        }
        return new Admission(true, security.asSeenBy(servlet, identity));
    }
}
