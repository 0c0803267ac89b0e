package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Digest as the container checks it: RFC 2617's own example, nonces that verify themselves, expiry, replays. */
class DigestAuthenticatorTestCase {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String URI = "sip:service@example.com";

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration step) {
            this.now = this.now.plus(step);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final StepClock clock = new StepClock();
    private final DigestAuthenticator authenticator = new DigestAuthenticator(this.clock);
    private final InMemoryIdentityStore store = new InMemoryIdentityStore().add("alice", "secret", "caller").add("Mufasa", "Circle Of Life");

    @Test
    void rfc2617Example() {
        // RFC 2617 §3.5: the response is right; the nonce is not this container's, so the caller is asked again, marked stale
        String credentials = "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                + " qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        DigestAuthenticator.Challenge challenge = assertInstanceOf(DigestAuthenticator.Challenge.class,
                this.authenticator.authenticate("GET", List.of(credentials), "testrealm@host.com", this.store, LIFETIME));
        assertTrue(challenge.stale(), challenge.reason());
        DigestAuthenticator.Challenge wrong = assertInstanceOf(DigestAuthenticator.Challenge.class,
                this.authenticator.authenticate("GET", List.of(credentials.replace("6629f", "6629e")), "testrealm@host.com", this.store, LIFETIME));
        assertTrue(!wrong.stale(), "a wrong response is no stale nonce: " + wrong.reason());
    }

    @Test
    void answeredChallengeAuthenticates() {
        DigestAuthenticator.Authenticated authenticated = assertInstanceOf(DigestAuthenticator.Authenticated.class, this.answer("alice", "secret", "MESSAGE"));
        assertEquals("alice", authenticated.username());
        assertEquals(SipIdentity.of("alice", Set.of("caller")), authenticated.account().authorize());
    }

    @Test
    void wrongPasswordOrUnknownUserIsChallengedAfresh() {
        assertEquals(false, assertInstanceOf(DigestAuthenticator.Challenge.class, this.answer("alice", "guess", "MESSAGE")).stale());
        assertEquals(false, assertInstanceOf(DigestAuthenticator.Challenge.class, this.answer("mallory", "secret", "MESSAGE")).stale());
    }

    @Test
    void credentialsOfAnotherMethodFail() {
        String challenge = this.authenticator.challenge("sip.test", false);
        String credentials = DigestClient.authorization(DigestParameters.parse(challenge), "MESSAGE", URI, "alice", "secret");
        assertInstanceOf(DigestAuthenticator.Challenge.class, this.authenticator.authenticate("INVITE", List.of(credentials), "sip.test", this.store, LIFETIME));
    }

    @Test
    void expiredNonceIsStale() {
        String challenge = this.authenticator.challenge("sip.test", false);
        String credentials = DigestClient.authorization(DigestParameters.parse(challenge), "MESSAGE", URI, "alice", "secret");
        this.clock.advance(LIFETIME.plusSeconds(1));
        DigestAuthenticator.Challenge expired = assertInstanceOf(DigestAuthenticator.Challenge.class,
                this.authenticator.authenticate("MESSAGE", List.of(credentials), "sip.test", this.store, LIFETIME));
        assertTrue(expired.stale(), expired.reason());
        assertEquals("an expired nonce", expired.reason());
        assertTrue(this.authenticator.challenge("sip.test", true).endsWith(", stale=true"));
    }

    @Test
    void replayedNonceCountIsStaleAndAHigherOneServes() {
        String challenge = this.authenticator.challenge("sip.test", false);
        DigestParameters parsed = DigestParameters.parse(challenge);
        String first = DigestClient.authorization(parsed, "MESSAGE", URI, "alice", "secret");
        assertInstanceOf(DigestAuthenticator.Authenticated.class, this.authenticator.authenticate("MESSAGE", List.of(first), "sip.test", this.store, LIFETIME));
        DigestAuthenticator.Challenge replay = assertInstanceOf(DigestAuthenticator.Challenge.class,
                this.authenticator.authenticate("MESSAGE", List.of(first), "sip.test", this.store, LIFETIME));
        assertTrue(replay.stale());
        // the same nonce with the next count, as a client that keeps a nonce for several requests sends it
        String nonce = parsed.get("nonce");
        String ha1 = Digests.hex("MD5", "alice:sip.test:secret");
        String response = Digests.hex("MD5", ha1 + ':' + nonce + ":00000002:abc:auth:" + Digests.hex("MD5", "MESSAGE:" + URI));
        String second = "Digest username=\"alice\", realm=\"sip.test\", nonce=\"" + nonce + "\", uri=\"" + URI + "\", response=\"" + response
                + "\", qop=auth, nc=00000002, cnonce=\"abc\"";
        assertInstanceOf(DigestAuthenticator.Authenticated.class, this.authenticator.authenticate("MESSAGE", List.of(second), "sip.test", this.store, LIFETIME));
    }

    @Test
    void withoutQopANonceServesOnce() {
        String challenge = this.authenticator.challenge("sip.test", false).replace(", qop=\"auth\"", "");
        String credentials = DigestClient.authorization(DigestParameters.parse(challenge), "MESSAGE", URI, "alice", "secret");
        assertTrue(!credentials.contains("qop="), credentials);
        assertInstanceOf(DigestAuthenticator.Authenticated.class, this.authenticator.authenticate("MESSAGE", List.of(credentials), "sip.test", this.store, LIFETIME));
        assertTrue(assertInstanceOf(DigestAuthenticator.Challenge.class, this.authenticator.authenticate("MESSAGE", List.of(credentials), "sip.test", this.store, LIFETIME)).stale());
    }

    @Test
    void anotherNodesNonceIsStale() {
        DigestAuthenticator otherNode = new DigestAuthenticator(this.clock);
        String credentials = DigestClient.authorization(DigestParameters.parse(otherNode.challenge("sip.test", false)), "MESSAGE", URI, "alice", "secret");
        DigestAuthenticator.Challenge challenge = assertInstanceOf(DigestAuthenticator.Challenge.class,
                this.authenticator.authenticate("MESSAGE", List.of(credentials), "sip.test", this.store, LIFETIME));
        assertTrue(challenge.stale(), "the password was right: the client asks again without asking its user");
    }

    @Test
    void sha256AndSessionAlgorithms() {
        for (String algorithm : List.of("SHA-256", "MD5-sess", "SHA-256-sess")) {
            String challenge = this.authenticator.challenge("sip.test", false).replace("algorithm=MD5", "algorithm=" + algorithm);
            String credentials = DigestClient.authorization(DigestParameters.parse(challenge), "MESSAGE", URI, "alice", "secret");
            assertInstanceOf(DigestAuthenticator.Authenticated.class, this.authenticator.authenticate("MESSAGE", List.of(credentials), "sip.test", this.store, LIFETIME), algorithm);
        }
    }

    @Test
    void otherRealmsAndSchemesAreNotOurs() {
        String credentials = DigestClient.authorization(DigestParameters.parse(this.authenticator.challenge("elsewhere", false)), "MESSAGE", URI, "alice", "secret");
        assertInstanceOf(DigestAuthenticator.Challenge.class, this.authenticator.authenticate("MESSAGE", List.of(credentials, "Basic YWxpY2U6c2VjcmV0"), "sip.test", this.store, LIFETIME));
        assertNull(DigestParameters.parse("Digest realm=\"open"), "an open quote");
        assertEquals("a\"b", DigestParameters.parse("Digest realm=\"a\\\"b\"").get("realm"));
        // a realm with a quote (an application's name) survives the challenge and its answer
        String quoted = this.authenticator.challenge("the \"best\" app", false);
        String answer = DigestClient.authorization(DigestParameters.parse(quoted), "MESSAGE", URI, "alice", "secret");
        assertInstanceOf(DigestAuthenticator.Authenticated.class, this.authenticator.authenticate("MESSAGE", List.of(answer), "the \"best\" app", this.store, LIFETIME));
    }

    private DigestAuthenticator.Outcome answer(String username, String password, String method) {
        String challenge = this.authenticator.challenge("sip.test", false);
        String credentials = DigestClient.authorization(DigestParameters.parse(challenge), method, URI, username, password);
        return this.authenticator.authenticate(method, List.of(credentials), "sip.test", this.store, LIFETIME);
    }
}
