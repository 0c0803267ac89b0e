package org.wildfly.extras.sip.container.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SipGrammarTestCase {

    @Test
    void fullSipUri() throws SyntaxException {
        SipUriSyntax uri = SipGrammar.parseSipUri("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");
        assertTrue(uri.isSecure());
        assertEquals("alice", uri.user());
        assertEquals("secret", uri.password());
        assertEquals("atlanta.example.com", uri.host());
        assertEquals(5061, uri.port());
        assertEquals("tcp", uri.parameters().get("TRANSPORT"));
        assertEquals("", uri.parameters().get("lr"));
        assertEquals("project%20x", uri.headers().get("subject"));
        assertEquals("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent", uri.toString());
    }

    @Test
    void userPartMayHoldSemicolonsAndQuestionMarks() throws SyntaxException {
        SipUriSyntax uri = SipGrammar.parseSipUri("sip:alice;day=tuesday@atlanta.com");
        assertEquals("alice;day=tuesday", uri.user());
        assertEquals("atlanta.com", uri.host());
        assertTrue(uri.parameters().isEmpty());
    }

    @Test
    void ipv6Host() throws SyntaxException {
        SipUriSyntax uri = SipGrammar.parseSipUri("sip:[2001:db8::10]:5070;maddr=[2001:db8::9]");
        assertEquals("[2001:db8::10]", uri.host());
        assertEquals(5070, uri.port());
        assertEquals("sip:[2001:db8::10]:5070;maddr=[2001:db8::9]", uri.toString());
    }

    @Test
    void telUrl() throws SyntaxException {
        TelUrlSyntax tel = assertInstanceOf(TelUrlSyntax.class, SipGrammar.parseUri("tel:+1-201-555-0123;ext=12"));
        assertTrue(tel.isGlobal());
        assertEquals("1-201-555-0123", tel.phoneNumber());
        assertEquals("12", tel.parameters().get("ext"));
        assertEquals(tel, SipGrammar.parseUri("tel:+12015550123;ext=12"));
    }

    @Test
    void otherSchemesStayOpaque() throws SyntaxException {
        UriSyntax uri = SipGrammar.parseUri("mailto:alice@example.com");
        assertEquals("mailto", uri.scheme());
        assertEquals("mailto:alice@example.com", uri.toString());
    }

    @Test
    void nameAddrWithQuotedDisplayName() throws SyntaxException {
        AddressSyntax address = SipGrammar.parseAddress("\"Alice \\\"A\\\" Liddell\" <sip:alice@example.com;transport=udp> ; tag = 1928301774");
        assertEquals("Alice \"A\" Liddell", address.displayName());
        assertEquals("udp", ((SipUriSyntax) address.uri()).parameters().get("transport"));
        assertEquals("1928301774", address.parameters().get("tag"));
        assertEquals("\"Alice \\\"A\\\" Liddell\" <sip:alice@example.com;transport=udp>;tag=1928301774", address.toString());
    }

    @Test
    void tokenDisplayName() throws SyntaxException {
        AddressSyntax address = SipGrammar.parseAddress("Bob <sip:bob@biloxi.com>");
        assertEquals("Bob", address.displayName());
        assertEquals("Bob <sip:bob@biloxi.com>", address.toString());
    }

    @Test
    void addrSpecParametersBelongToTheHeader() throws SyntaxException {
        AddressSyntax address = SipGrammar.parseAddress("sip:bob@biloxi.com;tag=a6c85cf");
        assertNull(address.displayName());
        assertEquals("a6c85cf", address.parameters().get("tag"));
        assertTrue(((SipUriSyntax) address.uri()).parameters().isEmpty());
    }

    @Test
    void wildcardContact() throws SyntaxException {
        assertTrue(SipGrammar.parseAddress(" * ").isWildcard());
    }

    @Test
    void parameterableValues() throws SyntaxException {
        Parameters parameters = new Parameters();
        assertEquals("SIP/2.0/UDP pc33.atlanta.com", SipGrammar.parseParameterable("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;received=\"a;b\"", parameters));
        assertEquals("z9hG4bK776asdhds", parameters.get("branch"));
        assertEquals("\"a;b\"", parameters.get("received"));
    }

    @Test
    void uriComparisonFollowsRfc3261() throws SyntaxException {
        assertEquals(SipGrammar.parseUri("sip:alice@AtLanTa.CoM;Transport=udp"), SipGrammar.parseUri("sip:alice@atlanta.com;transport=UDP"));
        assertNotEquals(SipGrammar.parseUri("sip:ALICE@atlanta.com"), SipGrammar.parseUri("sip:alice@atlanta.com"));
        assertNotEquals(SipGrammar.parseUri("sip:bob@biloxi.com"), SipGrammar.parseUri("sip:bob@biloxi.com:5060"));
        assertNotEquals(SipGrammar.parseUri("sip:bob@biloxi.com;transport=tcp"), SipGrammar.parseUri("sip:bob@biloxi.com"));
        assertEquals(SipGrammar.parseUri("sip:carol@chicago.com;security=on"), SipGrammar.parseUri("sip:carol@chicago.com"));
    }

    @Test
    void copiesAreIndependent() throws SyntaxException {
        SipUriSyntax original = SipGrammar.parseSipUri("sip:alice@example.com");
        SipUriSyntax copy = original.copy();
        copy.parameters().set("lr", "");
        copy.setUser("bob");
        assertFalse(original.parameters().contains("lr"));
        assertEquals("alice", original.user());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alice@example.com", "sip:", "sip:alice@", "sip:alice@exa mple.com", "sip:alice@example.com:99999", "sip:alice@example.com:50a",
        "sip:[2001:db8::1", "sip:@example.com", "sip:alice@example.com;=x", "sip:al%zzice@example.com", "sip:alice@example.com?subject",
        "tel:", "tel:+", "tel:+1x2", "sip:alice@-example.com", "1sip:alice@example.com",
    })
    void malformedUrisAreRefused(String text) {
        assertThrows(SyntaxException.class, () -> SipGrammar.parseUri(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"Alice <sip:alice@example.com>", "Alice <sip:alice@example.com", "<sip:alice@example.com>;", "<sip:alice@example.com>;tag=",
        "Al@ce <sip:alice@example.com>", "sip:alice@example.com?subject=x", "<sip:alice@example.com> junk",
    })
    void malformedAddressesAreRefused(String text) {
        assertThrows(SyntaxException.class, () -> SipGrammar.parseAddress(text));
    }
}
