package org.wildfly.extras.sip.container.security;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Where the container finds callers' credentials and roles; the host supplies it (WildFly: the application's Elytron security
 * domain; tests: {@link InMemoryIdentityStore}). The container checks digests itself, so a store hands out the digest's
 * secret (H(A1) of RFC 2617: H(username ":" realm ":" password)), never compares passwords.
 */
@FunctionalInterface
public interface SipIdentityStore {

    /**
     * @param realm the realm of the challenge
     * @param username the name the caller gave
     * @return the account, or {@code null} if the store knows no such user
     */
    Account account(String realm, String username);

    /**
     * A caller whose identity a trusted host asserted (RFC 3325 P-Asserted-Identity): no credential is checked.
     * @param realm the application's realm
     * @param username the user part of the asserted URI
     * @return the caller's identity and roles; {@code null} if the store knows no such user or does not let it in
     */
    default SipIdentity asserted(String realm, String username) {
        Account account = this.account(realm, username);
        return (account != null) ? account.authorize() : null;
    }

    /**
     * A caller that presented a certificate chain on its TLS connection, which the connection's trust manager accepted
     * (CLIENT-CERT). By default the user is the common name (CN) of the certificate's subject, or the whole subject
     * without one; a host store decides as its realm does.
     * @param realm the application's realm
     * @param chain the peer's chain, its own certificate first
     * @return the caller's identity and roles; {@code null} if the store does not map the certificate to a user it lets in
     */
    default SipIdentity certificate(String realm, List<X509Certificate> chain) {
        X500Principal subject = chain.get(0).getSubjectX500Principal();
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return this.asserted(realm, rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return null; // an RFC 2253 name the JDK wrote always parses
        }
        return this.asserted(realm, subject.getName());
    }

    /** One user of the store, looked up for one request. */
    interface Account {

        /**
         * @param algorithm {@code "MD5"} or {@code "SHA-256"}
         * @return H(username ":" realm ":" password) with that algorithm, as bytes; {@code null} if the store cannot give it
         */
        byte[] digestSecret(String algorithm);

        /**
         * Called once the caller proved it knows the secret.
         * @return the caller's identity and roles; {@code null} if the store does not let this user in (disabled, say)
         */
        SipIdentity authorize();
    }
}
