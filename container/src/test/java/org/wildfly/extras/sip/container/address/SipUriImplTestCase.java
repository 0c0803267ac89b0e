package org.wildfly.extras.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

class SipUriImplTestCase {

    private static SipURI sip(String text) throws ServletParseException {
        return assertInstanceOf(SipUriImpl.class, Uris.parse(text));
    }

    /** The examples of RFC 3261 §19.1.3 come back as they were written. */
    @ParameterizedTest
    @ValueSource(strings = {
        "sip:alice@atlanta.com",
        "sip:alice:secretword@atlanta.com;transport=tcp",
        "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:+1-212-555-1212:1234@gateway.com;user=phone",
        "sips:1212@gateway.com",
        "sip:alice@192.0.2.4",
        "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
        "sip:alice;day=tuesday@atlanta.com",
        "sip:[2001:db8::10]:5070;maddr=[2001:db8::9];lr",
    })
    void roundTrip(String text) throws ServletParseException {
        SipURI uri = sip(text);
        assertTrue(uri.isSipURI());
        assertEquals(text, uri.toString());
        assertEquals(text, uri.clone().toString());
    }

    @Test
    void components() throws ServletParseException {
        SipURI uri = sip("sips:alice:secretword@atlanta.com:5061;transport=tcp;user=phone;method=INVITE;ttl=16;maddr=239.255.255.1;lr?Subject=project%20x");
        assertEquals("sips", uri.getScheme());
        assertTrue(uri.isSecure());
        assertEquals("alice", uri.getUser());
        assertEquals("secretword", uri.getUserPassword());
        assertEquals("atlanta.com", uri.getHost());
        assertEquals(5061, uri.getPort());
        assertEquals("tcp", uri.getTransportParam());
        assertEquals("phone", uri.getUserParam());
        assertEquals("INVITE", uri.getMethodParam());
        assertEquals(16, uri.getTTLParam());
        assertEquals("239.255.255.1", uri.getMAddrParam());
        assertTrue(uri.getLrParam());
        assertEquals("", uri.getParameter("LR"));
        assertEquals(List.of("transport", "user", "method", "ttl", "maddr", "lr"), names(uri.getParameterNames()));
        assertEquals("project x", uri.getHeader("subject"));
        assertEquals(List.of("Subject"), names(uri.getHeaderNames()));
        assertNull(uri.getHeader("priority"));
        assertNull(uri.getParameter("nothing"));
        assertThrows(NullPointerException.class, () -> uri.getParameter(null));
    }

    @Test
    void gettersUnescapeAndSettersEscape() throws ServletParseException {
        SipURI uri = sip("sip:%61lice%20smith@atlanta.com");
        assertEquals("alice smith", uri.getUser());
        uri.setUser("bob jones");
        uri.setHeader("Subject", "next meeting & more");
        uri.setParameter("note", "a b");
        assertEquals("sip:bob%20jones@atlanta.com;note=a%20b?Subject=next%20meeting%20%26%20more", uri.toString());
        assertEquals("next meeting & more", uri.getHeader("SUBJECT"));
        assertEquals("a b", uri.getParameter("note"));
    }

    @Test
    void setters() throws ServletParseException {
        SipURI uri = sip("sip:alice@atlanta.com:5060;transport=udp");
        uri.setPort(-1);
        assertEquals(-1, uri.getPort());
        uri.setSecure(true);
        assertEquals("sips", uri.getScheme());
        uri.setTransportParam(null);
        uri.setLrParam(true);
        uri.setTTLParam(1);
        uri.setTTLParam(-1);
        uri.setMAddrParam("239.255.255.1");
        uri.setMAddrParam(null);
        uri.setHost("2001:db8::1");
        assertEquals("sips:alice@[2001:db8::1];lr", uri.toString());
        uri.setHost("biloxi.com");
        uri.setUserPassword("pw");
        uri.setHeader("subject", "x");
        uri.setHeader("Subject", "y");
        assertEquals("sips:alice:pw@biloxi.com;lr?subject=y", uri.toString());
        uri.removeHeader("SUBJECT");
        uri.setLrParam(false);
        uri.setUser(null);
        assertEquals("sips:biloxi.com", uri.toString());
        assertNull(uri.getUserPassword());
        uri.setSecure(false);
        uri.setPort(5080);
        assertEquals("sip:biloxi.com:5080", uri.toString());
    }

    @Test
    void settersRejectBadValues() throws ServletParseException {
        SipURI uri = sip("sip:atlanta.com");
        assertThrows(IllegalArgumentException.class, () -> uri.setPort(65536));
        assertThrows(IllegalArgumentException.class, () -> uri.setPort(-2));
        assertThrows(IllegalArgumentException.class, () -> uri.setTTLParam(256));
        assertThrows(IllegalArgumentException.class, () -> uri.setHost("bad host"));
        assertThrows(IllegalArgumentException.class, () -> uri.setHost("[2001:zz::1]"));
        assertThrows(IllegalArgumentException.class, () -> uri.setParameter("", "x"));
        assertThrows(IllegalStateException.class, () -> uri.setUserPassword("pw"));
        assertThrows(NullPointerException.class, () -> uri.setHost(null));
        assertEquals("sip:atlanta.com", uri.toString());
    }

    /** The equal and unequal pairs of RFC 3261 §19.1.4. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:alice@AtLanTa.CoM;Transport=udp | sip:alice@atlanta.com;transport=UDP",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;newparam=5",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void equal(String one, String other) throws ServletParseException {
        URI a = Uris.parse(one);
        URI b = Uris.parse(other);
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:alice@atlanta.com | sips:alice@atlanta.com",
        "sip:alice@atlanta.com;foo=1 | sip:alice@atlanta.com;foo=2",
    })
    void notEqual(String one, String other) throws ServletParseException {
        assertNotEquals(Uris.parse(one), Uris.parse(other));
        assertNotEquals(Uris.parse(other), Uris.parse(one));
    }

    @Test
    void equalToAForeignSipUri() throws ServletParseException {
        URI foreign = new ForeignUri("sip:alice@atlanta.com");
        assertEquals(Uris.parse("sip:alice@ATLANTA.com"), foreign);
        assertEquals(Uris.parse("sip:alice@atlanta.com").toString(), Uris.syntax(foreign).toString());
        assertFalse(Uris.parse("sip:alice@atlanta.com").equals(new ForeignUri("not a uri")));
    }

    @Test
    void cloneIsDeepAndMutable() throws SyntaxException {
        SipUriImpl original = new SipUriImpl(SipGrammar.parseSipUri("sip:alice@atlanta.com;transport=tcp?subject=x"), Mode.READ_ONLY);
        SipUriImpl copy = original.clone();
        assertEquals(Mode.MUTABLE, copy.mode());
        assertEquals(original, copy);
        copy.setUser("bob");
        copy.setTransportParam("udp");
        copy.setHeader("subject", "y");
        assertEquals("sip:alice@atlanta.com;transport=tcp?subject=x", original.toString());
        assertEquals("sip:bob@atlanta.com;transport=udp?subject=y", copy.toString());
    }

    @Test
    void readOnlyRejectsEverySetter() throws ServletParseException {
        String text = "sip:alice@atlanta.com;transport=tcp;lr?subject=x";
        SipURI uri = (SipURI) Uris.of(Uris.syntax(Uris.parse(text)), Mode.READ_ONLY);
        List<Consumer<SipURI>> setters = new ArrayList<>();
        setters.add(u -> u.setUser("bob"));
        setters.add(u -> u.setUserPassword("pw"));
        setters.add(u -> u.setHost("biloxi.com"));
        setters.add(u -> u.setPort(5060));
        setters.add(u -> u.setSecure(true));
        setters.add(u -> u.setParameter("foo", "bar"));
        setters.add(u -> u.removeParameter("transport"));
        setters.add(u -> u.setTransportParam("udp"));
        setters.add(u -> u.setMAddrParam("239.255.255.1"));
        setters.add(u -> u.setMethodParam("INVITE"));
        setters.add(u -> u.setTTLParam(1));
        setters.add(u -> u.setUserParam("phone"));
        setters.add(u -> u.setLrParam(false));
        setters.add(u -> u.setHeader("subject", "y"));
        setters.add(u -> u.removeHeader("subject"));
        for (Consumer<SipURI> setter : setters) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> setter.accept(uri));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        assertEquals(text, uri.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip: | Missing host",
        "alice@atlanta.com | URI without a scheme",
        "sip:alice@ | Missing host",
        "sip:alice@atlanta.com:99999 | Port above 65535",
        "sip:alice@atlanta.com;=x | Empty URI parameter name",
        "sip:alice@atl anta.com | Bad character in host",
    })
    void badInput(String text, String reason) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> Uris.parse(text));
        assertTrue(e.getMessage().startsWith("Not a valid URI"), e.getMessage());
        assertTrue(e.getMessage().contains("position"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void genericUri() throws ServletParseException {
        URI uri = Uris.parse("mailto:alice@atlanta.com");
        assertInstanceOf(GenericUriImpl.class, uri);
        assertEquals("mailto", uri.getScheme());
        assertFalse(uri.isSipURI());
        assertNull(uri.getParameter("x"));
        assertFalse(uri.getParameterNames().hasNext());
        assertThrows(UnsupportedOperationException.class, () -> uri.setParameter("x", "y"));
        assertEquals(Uris.parse("MAILTO:alice@atlanta.com"), uri);
        assertEquals(uri, uri.clone());
        URI readOnly = Uris.of(Uris.syntax(uri), Mode.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> readOnly.removeParameter("x"));
    }

    private static List<String> names(Iterator<String> iterator) {
        List<String> names = new ArrayList<>();
        while (iterator.hasNext()) {
            names.add(iterator.next());
            assertThrows(UnsupportedOperationException.class, iterator::remove);
        }
        return names;
    }

    /** A URI from another implementation, known only by its text. */
    private record ForeignUri(String text) implements URI {
        @Override
        public String getScheme() {
            return this.text.substring(0, this.text.indexOf(':'));
        }

        @Override
        public boolean isSipURI() {
            return true;
        }

        @Override
        public String getParameter(String key) {
            return null;
        }

        @Override
        public void setParameter(String name, String value) {
        }

        @Override
        public void removeParameter(String name) {
        }

        @Override
        public Iterator<String> getParameterNames() {
            return Collections.emptyIterator();
        }

        @Override
        public URI clone() {
            return this;
        }

        @Override
        public String toString() {
            return this.text;
        }
    }
}
