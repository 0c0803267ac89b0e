package org.wildfly.extension.sip.deployment;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.wildfly.extras.sip.container.security.Digests;
import org.wildfly.extras.sip.container.security.SipIdentity;
import org.wildfly.extras.sip.container.security.SipIdentityStore;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.auth.server.ServerAuthenticationContext;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;
import org.wildfly.security.password.interfaces.ClearPassword;
import org.wildfly.security.password.interfaces.DigestPassword;
import org.wildfly.security.password.spec.DigestPasswordAlgorithmSpec;

/**
 * The accounts of a SIP application's callers in an Elytron security domain: the digest secret is the realm's stored digest
 * (a properties realm's {@code digest-realm-name}, such as {@code ApplicationRealm} for {@code application-users.properties})
 * or is computed from a clear password; the roles are those the domain maps for the authorized identity.
 */
final class ElytronSipIdentityStore implements SipIdentityStore {

    private static final System.Logger LOGGER = System.getLogger(ElytronSipIdentityStore.class.getName());

    private final SecurityDomain domain;

    ElytronSipIdentityStore(SecurityDomain domain) {
        this.domain = domain;
    }

    /**
     * CLIENT-CERT as Undertow's CLIENT_CERT mechanism does it: the chain is evidence for the domain, whose principal decoder
     * names the user (e.g. an x500-attribute-principal-decoder for the CN) and whose realm verifies it (e.g. a
     * key-store-realm holding the callers' certificates); then the domain authorizes that identity and maps its roles.
     */
    @Override
    public SipIdentity certificate(String realm, List<X509Certificate> chain) {
        ServerAuthenticationContext context = this.domain.createNewAuthenticationContext();
        String subject = chain.get(0).getSubjectX500Principal().getName();
        try {
            if (context.verifyEvidence(new X509PeerCertificateChainEvidence(chain.toArray(new X509Certificate[0]))) && context.authorize()) {
                return identity(context.getAuthorizedIdentity());
            }
            LOGGER.log(System.Logger.Level.DEBUG, "The security domain does not let in the SIP caller of certificate {0}", subject);
            context.fail();
        } catch (RealmUnavailableException | IllegalArgumentException | IllegalStateException e) {
            LOGGER.log(System.Logger.Level.WARNING, "The security domain cannot verify the certificate of SIP caller {0}: {1}", subject, e.toString());
        }
        return null;
    }

    private static SipIdentity identity(SecurityIdentity identity) {
        Set<String> roles = new LinkedHashSet<>();
        identity.getRoles().forEach(roles::add);
        return new SipIdentity(identity.getPrincipal(), roles);
    }

    @Override
    public Account account(String realm, String username) {
        ServerAuthenticationContext context = this.domain.createNewAuthenticationContext();
        try {
            context.setAuthenticationName(username);
            if (!context.exists()) {
                context.fail();
                return null;
            }
        } catch (RealmUnavailableException | IllegalArgumentException | IllegalStateException e) {
            LOGGER.log(System.Logger.Level.WARNING, "The security domain cannot look up SIP user {0}: {1}", username, e.toString());
            return null;
        }
        return new Account() {
            @Override
            public byte[] digestSecret(String algorithm) {
                String stored = algorithm.equals("SHA-256") ? DigestPassword.ALGORITHM_DIGEST_SHA_256 : DigestPassword.ALGORITHM_DIGEST_MD5;
                try {
                    PasswordCredential digest = context.getCredential(PasswordCredential.class, stored, new DigestPasswordAlgorithmSpec(username, realm));
                    DigestPassword password = (digest != null) ? digest.getPassword(DigestPassword.class) : null;
                    if (password != null && realm.equals(password.getRealm())) {
                        return password.getDigest();
                    }
                    PasswordCredential clear = context.getCredential(PasswordCredential.class, ClearPassword.ALGORITHM_CLEAR);
                    ClearPassword text = (clear != null) ? clear.getPassword(ClearPassword.class) : null;
                    if (text != null) {
                        return Digests.hash(algorithm, (username + ':' + realm + ':' + new String(text.getPassword())).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (RealmUnavailableException | IllegalStateException e) {
                    LOGGER.log(System.Logger.Level.WARNING, "The security domain cannot give the credential of SIP user {0}: {1}", username, e.toString());
                }
                LOGGER.log(System.Logger.Level.DEBUG, "SIP user {0} has neither a {1} digest for realm {2} nor a clear password", username, stored, realm);
                return null;
            }

            @Override
            public SipIdentity authorize() {
                try {
                    if (!context.authorize()) {
                        return null; // the domain does not let this user log in
                    }
                    return identity(context.getAuthorizedIdentity());
                } catch (RealmUnavailableException | IllegalStateException e) {
                    LOGGER.log(System.Logger.Level.WARNING, "The security domain cannot authorize SIP user {0}: {1}", username, e.toString());
                    return null;
                }
            }
        };
    }
}
