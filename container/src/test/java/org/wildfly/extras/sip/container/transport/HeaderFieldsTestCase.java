package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A header is found whatever the spelling of its name: any case, compact form or full, known to the container or not. */
class HeaderFieldsTestCase {

    @Test
    void compactAndFullFormsAnyCaseNameTheSameHeader() {
        HeaderFields headers = new HeaderFields();
        headers.add("v", "SIP/2.0/UDP a;branch=z9hG4bK1");
        headers.add("VIA", "SIP/2.0/UDP b;branch=z9hG4bK2");
        headers.add("i", "call-1");
        assertEquals(List.of("SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/UDP b;branch=z9hG4bK2"), headers.all("Via"));
        assertEquals(List.of("Via", "Call-ID"), List.copyOf(headers.names()));
        assertEquals("call-1", headers.first("CALL-id"));
        assertEquals("call-1", headers.first("I"));
        assertTrue(HeaderNames.same("l", "content-LENGTH"));
        assertFalse(HeaderNames.same("l", "Content-Type"));
    }

    @Test
    void namesTheContainerDoesNotKnowAreFoundInAnyCase() {
        HeaderFields headers = new HeaderFields();
        headers.add("X-Role", "b2bua");
        headers.addFirst("x-role", "proxy");
        assertEquals(List.of("proxy", "b2bua"), headers.all("X-ROLE"));
        headers.set("x-Role", "uas");
        assertEquals(List.of("uas"), headers.all("X-Role"));
        headers.add("Allow", "INVITE");
        headers.add("allow", "BYE");
        headers.removeFirst("ALLOW");
        assertEquals(List.of("BYE"), headers.all("Allow"));
        headers.remove("x-role");
        assertNull(headers.first("X-Role"));
        assertEquals("Content-Type", HeaderNames.full("c"));
        assertEquals("Call-ID", HeaderNames.full("call-id"));
        assertEquals("X-Role", HeaderNames.full("X-Role"));
    }
}
