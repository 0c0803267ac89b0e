package org.wildfly.extras.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.syntax.Parameters;

class ParameterableImplTestCase {

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;received=192.0.2.1",
        "SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK1;rport",
        "multipart/mixed;boundary=\"boundary 42\"",
        "application/sdp;level=1;q=0.5",
        "attachment;handling=optional",
        "18000;duration=3600",
    })
    void roundTrip(String text) throws ServletParseException {
        assertEquals(text, Parameterables.parse(text).toString());
    }

    @Test
    void via() throws ServletParseException {
        Parameterable via = Parameterables.parse("SIP/2.0/UDP pc33.atlanta.com ; branch=z9hG4bK776asdhds ;rport");
        assertEquals("SIP/2.0/UDP pc33.atlanta.com", via.getValue());
        assertEquals("z9hG4bK776asdhds", via.getParameter("BRANCH"));
        assertEquals("", via.getParameter("rport"));
        assertEquals(List.of(Map.entry("branch", "z9hG4bK776asdhds"), Map.entry("rport", "")), List.copyOf(via.getParameters()));
    }

    @Test
    void quotedValuesAreReadWithoutQuotes() throws ServletParseException {
        Parameterable type = Parameterables.parse("multipart/mixed;boundary=\"a \\\"b\\\" c\"");
        assertEquals("a \"b\" c", type.getParameter("boundary"));
        type.setParameter("charset", "utf-8");
        type.setParameter("boundary", "x y");
        assertEquals("multipart/mixed;boundary=\"x y\";charset=utf-8", type.toString());
        type.setParameter("charset", null);
        assertNull(type.getParameter("charset"));
    }

    @Test
    void setValue() throws ServletParseException {
        Parameterable type = Parameterables.parse("text/plain;charset=utf-8");
        type.setValue(" text/html ");
        assertEquals("text/html;charset=utf-8", type.toString());
        assertThrows(IllegalArgumentException.class, () -> type.setValue("text/html;level=1"));
        assertThrows(IllegalArgumentException.class, () -> type.setValue(""));
        assertThrows(IllegalArgumentException.class, () -> type.setValue("text/html\r\nVia: x"));
        type.setValue("text/x \"a;b\"");
        assertEquals("text/x \"a;b\"", type.getValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1 | sip/2.0/udp PC33.atlanta.com;BRANCH=z9hg4bk1",
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1 | SIP / 2.0 / UDP   pc33.atlanta.com;branch=z9hG4bK1",
        "text/html;level=1;q=0.5 | text/html;q=0.5;level=1",
    })
    void equal(String one, String other) throws ServletParseException {
        assertEquals(Parameterables.parse(one), Parameterables.parse(other));
        assertEquals(Parameterables.parse(one).hashCode(), Parameterables.parse(other).hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1 | SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK2",
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1 | SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1;rport",
        "SIP/2.0/UDP pc33.atlanta.com | SIP/2.0/TCP pc33.atlanta.com",
        "multipart/mixed;boundary=\"AB\" | multipart/mixed;boundary=\"ab\"",
    })
    void notEqual(String one, String other) throws ServletParseException {
        assertNotEquals(Parameterables.parse(one), Parameterables.parse(other));
        assertNotEquals(Parameterables.parse(other), Parameterables.parse(one));
    }

    @Test
    void modes() throws ServletParseException {
        Parameters parameters = new Parameters();
        parameters.set("branch", "z9hG4bK1");
        Parameterable via = Parameterables.of("SIP/2.0/UDP host", parameters, Mode.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> via.setValue("SIP/2.0/TCP host"));
        assertThrows(IllegalStateException.class, () -> via.setParameter("received", "192.0.2.1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> via.removeParameter("branch"));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("SIP/2.0/UDP host;branch=z9hG4bK1", via.toString());

        Parameterable tagged = Parameterables.of("value", new Parameters(), Mode.TAG_PROTECTED);
        assertThrows(IllegalStateException.class, () -> tagged.setParameter("tag", "1"));
        tagged.setParameter("other", "1");
        tagged.setValue("changed");
        assertEquals("changed;other=1", tagged.toString());
    }

    @Test
    void cloneIsDeepAndMutable() throws ServletParseException {
        Parameters parameters = new Parameters();
        parameters.set("branch", "z9hG4bK1");
        ParameterableImpl original = Parameterables.of("SIP/2.0/UDP host", parameters, Mode.READ_ONLY);
        ParameterableImpl clone = original.clone();
        assertEquals(Mode.MUTABLE, clone.mode());
        assertEquals(original, clone);
        clone.setParameter("branch", "z9hG4bK2");
        clone.setValue("SIP/2.0/TCP host");
        assertEquals("SIP/2.0/UDP host;branch=z9hG4bK1", original.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ";branch=z9hG4bK1 | nothing before the parameters",
        "text/html;=1 | Empty parameter name",
        "text/html;level= | Empty value of parameter level",
        "text/html;title=\"open | Unclosed quoted string",
    })
    void badInput(String text, String reason) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> Parameterables.parse(text));
        assertTrue(e.getMessage().startsWith("Not a valid header field value"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
