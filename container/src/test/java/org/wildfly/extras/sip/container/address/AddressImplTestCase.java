package org.wildfly.extras.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.syntax.AddressSyntax;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

class AddressImplTestCase {

    /** From, To and Contact values of RFC 3261 §20 and the §24 call flows, in their wire form. */
    @ParameterizedTest
    @ValueSource(strings = {
        "Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8",
        "<sip:bob@biloxi.com>;tag=a6c85cf",
        "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600",
        "<mailto:watson@bell-telephone.com>;q=0.1",
        "\"Alice \\\"A\\\" Liddell\" <sips:alice@atlanta.com;transport=tls>;tag=1928301774",
        "<tel:+1-201-555-0123>",
        "*",
    })
    void roundTrip(String text) throws ServletParseException {
        Address address = Addresses.parse(text);
        String written = address.toString();
        assertEquals(address, Addresses.parse(written));
        assertEquals(written, Addresses.parse(written).toString());
        assertEquals(text.replace("\"Mr. Watson\"", "Mr. Watson"), written);
    }

    @Test
    void addrSpecParametersBelongToTheHeader() throws ServletParseException {
        Address address = Addresses.parse("sip:+12125551212@server.phone2net.com;tag=887s");
        assertEquals("887s", address.getParameter("tag"));
        assertNull(address.getURI().getParameter("tag"));
        assertEquals("sip:+12125551212@server.phone2net.com;tag=887s", address.toString(), "written back as given: an addr-spec");
        ((SipURI) address.getURI()).setTransportParam("tcp");
        assertEquals("<sip:+12125551212@server.phone2net.com;transport=tcp>;tag=887s", address.toString(), "a URI parameter needs the brackets (RFC 3261 §20.10)");
        address.setDisplayName("Carol");
        assertEquals("Carol <sip:+12125551212@server.phone2net.com;transport=tcp>;tag=887s", address.toString());
    }

    @Test
    void components() throws ServletParseException {
        Address address = Addresses.parse("\"Bob\" <sips:bob@biloxi.com;transport=tls> ;tag=a48s");
        assertEquals("Bob", address.getDisplayName());
        SipURI uri = (SipURI) address.getURI();
        assertEquals("bob", uri.getUser());
        assertEquals("tls", uri.getTransportParam());
        assertEquals("Bob <sips:bob@biloxi.com;transport=tls>", address.getValue());
        assertFalse(address.isWildcard());
    }

    @Test
    void parameters() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@pc33.atlanta.com>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1;Lr");
        assertEquals("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", address.getParameter("+SIP.INSTANCE"));
        assertEquals("1", address.getParameter("reg-id"));
        assertEquals("", address.getParameter("lr"));
        assertNull(address.getParameter("expires"));
        assertThrows(NullPointerException.class, () -> address.getParameter(null));

        List<String> names = new ArrayList<>();
        address.getParameterNames().forEachRemaining(names::add);
        assertEquals(List.of("+sip.instance", "reg-id", "Lr"), names);

        Set<Map.Entry<String, String>> entries = address.getParameters();
        assertEquals(List.of(Map.entry("+sip.instance", "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>"), Map.entry("reg-id", "1"), Map.entry("Lr", "")),
                List.copyOf(entries));
        assertThrows(UnsupportedOperationException.class, () -> entries.add(Map.entry("x", "y")));
        assertThrows(UnsupportedOperationException.class, () -> entries.iterator().next().setValue("z"));
        assertThrows(UnsupportedOperationException.class, () -> entries.clear());
    }

    @Test
    void setParameterQuotesWhatIsNotAToken() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@atlanta.com>");
        address.setParameter("+sip.instance", "<urn:uuid:1>");
        address.setParameter("received", "192.0.2.1");
        address.setParameter("note", "say \"hi\"");
        address.setParameter("flag", "");
        address.setParameter("maddr", "[2001:db8::1]");
        address.setParameter("quoted", "\"already\"");
        assertEquals("<sip:alice@atlanta.com>;+sip.instance=\"<urn:uuid:1>\";received=192.0.2.1;note=\"say \\\"hi\\\"\";flag;maddr=[2001:db8::1];quoted=\"already\"",
                address.toString());
        assertEquals("say \"hi\"", address.getParameter("note"));
        assertEquals(address, Addresses.parse(address.toString()));

        address.setParameter("NOTE", null);
        address.removeParameter("flag");
        address.removeParameter("absent");
        assertNull(address.getParameter("note"));
        assertThrows(NullPointerException.class, () -> address.setParameter(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> address.setParameter("bad name", "x"));
        assertThrows(IllegalArgumentException.class, () -> address.setParameter("x", "a\r\nVia: evil"));
    }

    @Test
    void q() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@atlanta.com>");
        assertEquals(-1.0f, address.getQ());
        address.setQ(0.5f);
        assertEquals("<sip:alice@atlanta.com>;q=0.5", address.toString());
        assertEquals(0.5f, address.getQ());
        address.setQ(1.0f);
        assertEquals("1.0", address.getParameter("q"));
        address.setQ(0.0f);
        assertEquals("0.0", address.getParameter("q"));
        address.setQ(0.1234f);
        assertEquals("0.123", address.getParameter("q"));
        address.setQ(0.7f);
        assertEquals("0.7", address.getParameter("q"));
        address.setQ(-1.0f);
        assertNull(address.getParameter("q"));
        for (float bad : new float[] { 1.01f, -0.5f, -2.0f, Float.NaN, Float.POSITIVE_INFINITY }) {
            assertThrows(IllegalArgumentException.class, () -> address.setQ(bad), Float.toString(bad));
        }
        address.setParameter("q", "high");
        assertThrows(IllegalStateException.class, address::getQ);
    }

    @Test
    void expires() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@atlanta.com>");
        assertEquals(-1, address.getExpires());
        address.setExpires(3600);
        assertEquals("<sip:alice@atlanta.com>;expires=3600", address.toString());
        assertEquals(3600, address.getExpires());
        address.setExpires(0);
        assertEquals(0, address.getExpires());
        address.setExpires(-1);
        assertNull(address.getParameter("expires"));
        address.setParameter("expires", "soon");
        assertEquals(3600, address.getExpires());
        address.setParameter("expires", "99999999999");
        assertEquals(Integer.MAX_VALUE, address.getExpires());
    }

    @Test
    void wildcard() throws ServletParseException {
        Address address = Addresses.parse(" * ");
        assertTrue(address.isWildcard());
        assertNull(address.getURI());
        assertNull(address.getDisplayName());
        assertEquals("*", address.toString());
        assertEquals("*", address.getValue());
        assertEquals(-1.0f, address.getQ());
        assertEquals(-1, address.getExpires());
        assertEquals(Addresses.parse("*"), address);
        assertNotEquals(Addresses.parse("<sip:alice@atlanta.com>"), address);
        assertThrows(IllegalStateException.class, () -> address.setDisplayName("x"));
        assertThrows(IllegalStateException.class, () -> address.setParameter("expires", "0"));
        assertThrows(IllegalStateException.class, () -> address.setExpires(0));
        assertTrue(((Address) address.clone()).isWildcard());
    }

    @Test
    void readOnlyRejectsEverySetter() throws ServletParseException {
        String text = "\"Alice\" <sip:alice@atlanta.com;transport=tcp>;tag=1;q=0.5";
        Address address = Addresses.of(Addresses.syntax(Addresses.parse(text)), Mode.READ_ONLY);
        List<Consumer<Address>> setters = new ArrayList<>();
        setters.add(a -> a.setDisplayName("Bob"));
        setters.add(a -> a.setURI(a.getURI().clone()));
        setters.add(a -> a.setValue("<sip:bob@biloxi.com>"));
        setters.add(a -> a.setQ(1.0f));
        setters.add(a -> a.setExpires(60));
        setters.add(a -> a.setParameter("foo", "bar"));
        setters.add(a -> a.setParameter("tag", "2"));
        setters.add(a -> a.removeParameter("q"));
        setters.add(a -> a.getURI().setParameter("lr", ""));
        setters.add(a -> ((SipURI) a.getURI()).setUser("bob"));
        for (Consumer<Address> setter : setters) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> setter.accept(address));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        assertEquals("Alice <sip:alice@atlanta.com;transport=tcp>;tag=1;q=0.5", address.toString());
    }

    @Test
    void tagProtectedAllowsAllButTheTag() throws ServletParseException {
        AddressSyntax syntax = Addresses.syntax(Addresses.parse("<sip:alice@atlanta.com>;tag=1928301774"));
        Address from = Addresses.of(syntax, Mode.TAG_PROTECTED);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> from.setParameter("tag", "x"));
        assertTrue(e.getMessage().contains("tag"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> from.setParameter("TAG", null));
        assertThrows(IllegalStateException.class, () -> from.removeParameter("Tag"));

        from.setDisplayName("Alice");
        from.setParameter("foo", "bar");
        from.setQ(0.5f);
        ((SipURI) from.getURI()).setUser("alice2");
        from.getURI().setParameter("transport", "tcp");
        assertEquals("Alice <sip:alice2@atlanta.com;transport=tcp>;tag=1928301774;foo=bar;q=0.5", from.toString());
        assertEquals(from.toString(), syntax.toString());
    }

    @Test
    void viewsWriteThrough() throws SyntaxException {
        AddressSyntax syntax = SipGrammar.parseAddress("<sip:alice@atlanta.com>");
        Address address = Addresses.of(syntax);
        assertSame(syntax, ((AddressImpl) address).syntax());
        address.setParameter("tag", "x");
        address.getURI().setParameter("lr", "");
        assertEquals("<sip:alice@atlanta.com;lr>;tag=x", syntax.toString());
    }

    @Test
    void cloneDropsTheTagAndIsIndependent() throws ServletParseException {
        Address original = Addresses.of(Addresses.syntax(Addresses.parse("\"Alice\" <sip:alice@atlanta.com>;tag=1;foo=bar")), Mode.READ_ONLY);
        AddressImpl clone = (AddressImpl) original.clone();
        assertEquals(Mode.MUTABLE, clone.mode());
        assertEquals("Alice <sip:alice@atlanta.com>;foo=bar", clone.toString());
        clone.setParameter("tag", "2");
        clone.setDisplayName("Bob");
        ((SipURI) clone.getURI()).setHost("biloxi.com");
        assertEquals("Alice <sip:alice@atlanta.com>;tag=1;foo=bar", original.toString());

        AddressImpl copy = ((AddressImpl) original).copy(Mode.TAG_PROTECTED);
        assertEquals("1", copy.getParameter("tag"));
        assertEquals(Mode.TAG_PROTECTED, copy.mode());
        copy.setParameter("foo", "baz");
        assertEquals("bar", original.getParameter("foo"));
    }

    @Test
    void setUriKeepsACopy() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@atlanta.com>;tag=1");
        SipURI uri = (SipURI) Uris.parse("sip:bob@biloxi.com");
        address.setURI(uri);
        uri.setUser("carol");
        assertEquals("<sip:bob@biloxi.com>;tag=1", address.toString());
        assertThrows(NullPointerException.class, () -> address.setURI(null));
    }

    @Test
    void setValue() throws ServletParseException {
        Address address = Addresses.parse("<sip:alice@atlanta.com>;tag=1");
        address.setValue("\"Bob\" <sip:bob@biloxi.com>");
        assertEquals("Bob <sip:bob@biloxi.com>;tag=1", address.toString());
        address.setValue("sip:carol@chicago.com;transport=tcp");
        assertNull(address.getDisplayName());
        assertEquals("<sip:carol@chicago.com;transport=tcp>;tag=1", address.toString());
        assertThrows(IllegalArgumentException.class, () -> address.setValue("<sip:bob@biloxi.com>;tag=2"));
        assertThrows(IllegalArgumentException.class, () -> address.setValue("not an address"));
        assertThrows(IllegalArgumentException.class, () -> address.setValue("*"));
    }

    /** JSR 289 Address.equals: URIs by their rules, common parameters compared, display names ignored. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"Alice\" <sip:alice@atlanta.com>;tag=1 | Bob <sip:alice@ATLANTA.com>;TAG=1",
        "<sip:alice@atlanta.com>;tag=1 | <sip:alice@atlanta.com>",
        "<sip:alice@atlanta.com>;tag=1 | <sip:alice@atlanta.com>;foo=bar",
        "<sip:%61lice@atlanta.com;transport=TCP> | <sip:alice@AtLanTa.CoM;Transport=tcp>",
        "<sip:alice@atlanta.com>;note=\"hello\" | <sip:alice@atlanta.com>;note=hello",
    })
    void equal(String one, String other) throws ServletParseException {
        Address a = Addresses.parse(one);
        Address b = Addresses.parse(other);
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<sip:alice@atlanta.com>;tag=1 | <sip:alice@atlanta.com>;tag=2",
        "<sip:alice@atlanta.com> | <sip:alice@atlanta.com:5060>",
        "<sip:alice@atlanta.com> | <sip:bob@atlanta.com>",
        "<sip:alice@atlanta.com>;note=\"Hello\" | <sip:alice@atlanta.com>;note=\"hello\"",
        "<sip:alice@atlanta.com> | *",
    })
    void notEqual(String one, String other) throws ServletParseException {
        assertNotEquals(Addresses.parse(one), Addresses.parse(other));
        assertNotEquals(Addresses.parse(other), Addresses.parse(one));
    }

    @Test
    void notEqualToAPlainParameterable() throws ServletParseException {
        assertNotEquals(Addresses.parse("<sip:alice@atlanta.com>"), Parameterables.parse("<sip:alice@atlanta.com>"));
        assertNotEquals(Parameterables.parse("<sip:alice@atlanta.com>"), Addresses.parse("<sip:alice@atlanta.com>"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"Alice <sip:alice@atlanta.com> | Unclosed quoted string",
        "<sip:alice@atlanta.com | Expected '>'",
        "Alice, Bob <sip:alice@atlanta.com> | Bad character in unquoted display name",
        "<sip:alice@atlanta.com>;tag= | Empty value of parameter tag",
        "<sip:alice@atlanta.com> tag=1 | Expected ';' before a parameter",
        "sip:alice@atlanta.com?subject=x | must be enclosed in <>",
    })
    void badInput(String text, String reason) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> Addresses.parse(text));
        assertTrue(e.getMessage().startsWith("Not a valid address: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getCause() instanceof SyntaxException);
    }
}
