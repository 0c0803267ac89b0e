package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The receiving thread's reading of a datagram's fields by their bytes. */
class DatagramFieldsTestCase {

    private static final String HEAD = "INVITE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";

    @Test
    void theCallIdIsTheSameHoweverItsFieldIsWritten() {
        int hash = callIdHash(HEAD + "Call-ID: abc@host\r\nCSeq: 1 INVITE\r\n\r\n");
        assertNotEquals(0, hash);
        assertEquals(hash, callIdHash("SIP/2.0 200 OK\r\ni:abc@host\r\n\r\n"), "compact name, no blank");
        assertEquals(hash, callIdHash(HEAD + "CALL-ID \t:  abc@host \t\r\n\r\n"), "upper case, blanks around the colon and after the value");
        assertEquals(hash, callIdHash("ACK sip:b@h SIP/2.0\ncall-id: abc@host\n\n"), "bare line feeds");
        assertEquals(hash, callIdHash("BYE sip:b@h SIP/2.0\r\nCall-ID: abc@host"), "no blank line");
        assertNotEquals(hash, callIdHash(HEAD + "Call-ID: abc@host2\r\n\r\n"), "another call");
    }

    @Test
    void aDatagramWithoutACallIdInItsHeadHasNone() {
        assertEquals(0, callIdHash(HEAD + "CSeq: 1 INVITE\r\n\r\nCall-ID: abc@host\r\n"), "in the body only");
        assertEquals(0, callIdHash(HEAD + "Call-IDs: abc@host\r\n\r\n"), "another field's name");
        assertEquals(0, callIdHash(HEAD + "X-Call-ID: abc@host\r\n\r\n"), "another field's name");
        assertEquals(0, callIdHash("Call-ID: abc@host\r\n\r\n"), "on the start line");
        assertEquals(0, callIdHash(""), "empty");
    }

    @Test
    void aFieldIsFoundByItsNameOnly() {
        byte[] datagram = bytes(HEAD + "Callid: x\r\nI: y\r\n\r\n");
        int colon = DatagramFields.colon(datagram, "call-id", 'i');
        assertEquals("I: y", new String(datagram, colon - 1, 4, StandardCharsets.ISO_8859_1), "the compact name in upper case");
        assertEquals(-1, DatagramFields.colon(bytes(HEAD + "Call-ID abc\r\n\r\n"), "call-id", 'i'), "no colon");
    }

    private static int callIdHash(String datagram) {
        return DatagramFields.callIdHash(bytes(datagram));
    }

    private static byte[] bytes(String datagram) {
        return datagram.getBytes(StandardCharsets.ISO_8859_1);
    }
}
