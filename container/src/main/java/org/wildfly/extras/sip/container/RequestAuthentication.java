package org.wildfly.extras.sip.container;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.wildfly.extras.sip.container.deployment.LoginConfig;
import org.wildfly.extras.sip.container.security.ApplicationSecurity;
import org.wildfly.extras.sip.container.security.DigestAuthenticator;
import org.wildfly.extras.sip.container.security.SipIdentity;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SipUriSyntax;
import org.wildfly.extras.sip.container.syntax.SyntaxException;
import org.wildfly.extras.sip.container.syntax.TelUrlSyntax;
import org.wildfly.extras.sip.container.syntax.UriSyntax;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.transport.ServerTransaction;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * Enforces an application's security constraints before its servlet sees a request (JSR 289 §22): a request a constraint
 * covers is answered 403 if its guarantee asks for TLS and it came otherwise; a P-Asserted-Identity of a trusted host
 * authenticates it when the application's {@code <identity-assertion>} allows; else it is answered 401 (or 407, for
 * {@code <proxy-authentication/>}) until it carries digest credentials of the application's realm, and 403 if the caller has
 * none of the roles allowed. The servlet never sees a refused request.
 */
final class RequestAuthentication {

    private static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
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

    /** A REQUIRED identity assertion that did not come: 403, as no credentials the caller could add would do. */
    static final String ASSERTION_REQUIRED = "Forbidden (P-Asserted-Identity of a trusted host required)";

    /** CLIENT-CERT without a certificate: 403, as no challenge can ask for one. */
    static final String CERTIFICATE_REQUIRED = "Forbidden (TLS client certificate required)";

    private final DigestAuthenticator digest;
    private final Set<String> trustedAddresses;

    /**
     * @param digest checks digest credentials
     * @param trustedHosts the hosts whose P-Asserted-Identity is believed (RFC 3325's trust domain)
     */
    RequestAuthentication(DigestAuthenticator digest, Set<InetAddress> trustedHosts) {
        this.digest = digest;
        this.trustedAddresses = trustedHosts.stream().map(InetAddress::getHostAddress).collect(Collectors.toUnmodifiableSet());
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
        if (security.identityAssertion() != null) {
            String asserted = this.assertedUser(raw, peer, deployment);
            if (asserted != null) {
                SipIdentity identity = security.store().asserted(security.realm(), asserted);
                return this.authorized(deployment, servlet, raw, transaction, security, requirement, asserted, identity);
            }
            if (security.identityAssertion().equals(LoginConfig.REQUIRED)) {
                LOGGER.log(Level.DEBUG, "Refusing {0} to application {1}: no P-Asserted-Identity of a trusted host, Call-ID {2}", raw.method(), deployment.applicationName(),
                        raw.callId());
                Replies.reject(raw, transaction, 403, ASSERTION_REQUIRED);
                return Admission.REFUSED;
            }
        }
        if (security.authMethod().equals(LoginConfig.CLIENT_CERT)) {
            if (peer.certificates().isEmpty()) {
                // a challenge cannot ask for a certificate: the peer must connect again over TLS and present one
                LOGGER.log(Level.DEBUG, "Refusing {0} to application {1}: no client certificate on {2} from {3}, Call-ID {4}", raw.method(), deployment.applicationName(),
                        peer.transport(), peer.host(), raw.callId());
                Replies.reject(raw, transaction, 403, CERTIFICATE_REQUIRED);
                return Admission.REFUSED;
            }
            SipIdentity identity = security.store().certificate(security.realm(), peer.certificates());
            return this.authorized(deployment, servlet, raw, transaction, security, requirement, peer.certificates().get(0).getSubjectX500Principal().getName(), identity);
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
        return this.authorized(deployment, servlet, raw, transaction, security, requirement, authenticated.username(), authenticated.account().authorize());
    }

    /** Lets an authenticated caller in if it has a role the request needs; 403 if not, or if the store did not let it in. */
    private Admission authorized(Deployment deployment, String servlet, RawRequest raw, ServerTransaction transaction, ApplicationSecurity security,
            ApplicationSecurity.Requirement requirement, String username, SipIdentity identity) {
        if (identity == null || !security.permits(requirement, identity)) {
            LOGGER.log(Level.DEBUG, "User {0} may not send {1} to application {2} (roles {3})", username, raw.method(), deployment.applicationName(),
                    (identity != null) ? identity.roles() : "none: the store does not know or let in the user");
            Replies.reject(raw, transaction, 403, "Forbidden");
            return Admission.REFUSED;
        }
        return new Admission(true, security.asSeenBy(servlet, identity));
    }

    /**
     * The user a P-Asserted-Identity asserts (RFC 3325 §9.1), if a trusted host sent it: the user part of its sip or sips URI,
     * else its tel number. One from any other host is ignored (RFC 3325 §5): anyone can write the header.
     * @return the user; {@code null} if there is no assertion to believe
     */
    private String assertedUser(RawRequest raw, Peer peer, Deployment deployment) {
        List<String> assertions = raw.headers().all(P_ASSERTED_IDENTITY);
        if (assertions.isEmpty()) {
            return null;
        }
        if (!this.trustedAddresses.contains(peer.host())) {
            LOGGER.log(Level.DEBUG, "Ignoring the P-Asserted-Identity of {0} to application {1}: {2} is not a trusted host, Call-ID {3}", raw.method(),
                    deployment.applicationName(), peer.host(), raw.callId());
            return null;
        }
        String number = null;
        for (String assertion : assertions) {
            try {
                UriSyntax uri = SipGrammar.parseAddress(assertion).uri();
                if (uri instanceof SipUriSyntax sip && sip.user() != null && !sip.user().isEmpty()) {
                    return sip.user();
                }
                if (uri instanceof TelUrlSyntax tel && number == null) {
                    number = (tel.isGlobal() ? "+" : "") + tel.phoneNumber(); // the number as written: +1555... for a global one
                }
            } catch (SyntaxException e) {
                LOGGER.log(Level.DEBUG, "Ignoring a P-Asserted-Identity that does not parse ({0}): {1}", assertion, e.getMessage());
            }
        }
        return number;
    }
}
