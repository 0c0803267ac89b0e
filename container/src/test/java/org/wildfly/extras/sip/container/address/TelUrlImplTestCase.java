package org.wildfly.extras.sip.container.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.TelURL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelUrlImplTestCase {

    private static TelURL tel(String text) throws ServletParseException {
        return assertInstanceOf(TelUrlImpl.class, Uris.parse(text));
    }

    @Test
    void globalNumber() throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123;ext=12");
        assertEquals("tel", url.getScheme());
        assertFalse(url.isSipURI());
        assertTrue(url.isGlobal());
        assertEquals("1-201-555-0123", url.getPhoneNumber());
        assertNull(url.getPhoneContext());
        assertEquals("12", url.getParameter("EXT"));
        assertEquals("tel:+1-201-555-0123;ext=12", url.toString());
    }

    @Test
    void localNumber() throws ServletParseException {
        TelURL url = tel("tel:7042;phone-context=example.com");
        assertFalse(url.isGlobal());
        assertEquals("7042", url.getPhoneNumber());
        assertEquals("example.com", url.getPhoneContext());
        assertEquals("tel:7042;phone-context=example.com", url.toString());
    }

    @Test
    void setGlobalNumberDropsTheContext() throws ServletParseException {
        TelURL url = tel("tel:7042;phone-context=example.com;ext=1");
        url.setPhoneNumber("+33-1-23-45-67-89");
        assertTrue(url.isGlobal());
        assertEquals("33-1-23-45-67-89", url.getPhoneNumber());
        assertNull(url.getPhoneContext());
        assertEquals("tel:+33-1-23-45-67-89;ext=1", url.toString());
    }

    @Test
    void setLocalNumber() throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123");
        url.setPhoneNumber("*69#", "+1-212");
        assertFalse(url.isGlobal());
        assertEquals("+1-212", url.getPhoneContext());
        assertEquals("tel:*69#;phone-context=+1-212", url.toString());
        url.setPhoneNumber("5550123", "example.com");
        assertEquals("tel:5550123;phone-context=example.com", url.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "12345", "+", "+()", "+1-2a", "+1 212", "" })
    void setPhoneNumberNeedsAGlobalNumber(String number) throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber(number));
        assertTrue(e.getMessage().contains("global"), e.getMessage());
        assertEquals("tel:+1-201-555-0123", url.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "+1234", "12 34", "-", "12g" })
    void setPhoneNumberWithContextNeedsALocalNumber(String number) throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber(number, "example.com"));
        assertTrue(e.getMessage().contains("local"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "bad context", "+", ".example.com" })
    void setPhoneNumberNeedsAValidContext(String context) throws ServletParseException {
        TelURL url = tel("tel:+1-201-555-0123");
        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber("1234", context));
        assertThrows(IllegalArgumentException.class, () -> url.setPhoneNumber("1234", null));
    }

    @Test
    void equality() throws ServletParseException {
        assertEquals(tel("tel:+1-201-555-0123;ext=12"), tel("tel:+1.201.555.0123;EXT=12"));
        assertEquals(tel("tel:+1-201-555-0123").hashCode(), tel("tel:+1(201)5550123").hashCode());
        assertNotEquals(tel("tel:+1-201-555-0123"), tel("tel:+1-201-555-0123;ext=12"));
        assertNotEquals(tel("tel:+12015550123"), tel("tel:12015550123;phone-context=+1"));
    }

    @Test
    void readOnlyAndClone() throws ServletParseException {
        TelURL url = (TelURL) Uris.of(Uris.syntax(tel("tel:+1-201-555-0123")), Mode.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> url.setPhoneNumber("+1"));
        assertThrows(IllegalStateException.class, () -> url.setPhoneNumber("1", "example.com"));
        assertThrows(IllegalStateException.class, () -> url.setParameter("ext", "1"));
        assertThrows(IllegalStateException.class, () -> url.removeParameter("ext"));
        TelURL copy = (TelURL) url.clone();
        copy.setPhoneNumber("+44");
        assertEquals("tel:+1-201-555-0123", url.toString());
        assertEquals("tel:+44", copy.toString());
    }

    @Test
    void badInput() {
        ServletParseException e = assertThrows(ServletParseException.class, () -> Uris.parse("tel:+1-2x"));
        assertTrue(e.getMessage().contains("Bad character in telephone number at position 8"), e.getMessage());
    }
}
