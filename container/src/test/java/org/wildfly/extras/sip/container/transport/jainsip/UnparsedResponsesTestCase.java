package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The receiving thread's reading of a response's top Via branch, and the count of responses waiting to be parsed. */
class UnparsedResponsesTestCase {

    @Test
    void theTopViaBranchOfAResponseIsRead() {
        assertEquals("z9hg4bk-abc", branchOf("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-abc;rport\r\nTo: <sip:a@b>\r\n\r\n"));
        assertEquals("z9hg4bk1", branchOf("SIP/2.0 200 OK\r\nFrom: <sip:a@b>;tag=1\r\nv : SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"), "compact name, space before colon");
        assertEquals("z9hg4bk-top", branchOf("SIP/2.0 200 OK\r\nVIA: SIP/2.0/UDP h;branch=z9hG4bK-top, SIP/2.0/UDP g;branch=z9hG4bK-second\r\n\r\n"),
                "the first of two values in one line");
        assertEquals("z9hg4bk-top", branchOf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK-top\nVia: SIP/2.0/UDP g;branch=z9hG4bK-second\n\n"), "bare line feeds");
        assertEquals("z9hg4bk-lf", branchOf("SIP/2.0 200 OK\r\nVia:SIP/2.0/UDP h;BRANCH=z9hG4bK-LF"), "no blank line, upper-case parameter name");
    }

    @Test
    void whatIsNotAResponseWithABranchHasNone() {
        assertNull(branchOf("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"), "a request");
        assertNull(branchOf("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;rport\r\n\r\n"), "no branch");
        assertNull(branchOf("SIP/2.0 200 OK\r\nTo: <sip:a@b>\r\n\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"), "Via in the body only");
        assertNull(branchOf("SIP/2.0 200 OK\r\nVias: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"), "another field's name");
        assertNull(branchOf("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=\r\n\r\n"), "an empty branch");
        assertNull(branchOf("SIP/2.0"), "too short");
        assertNull(branchOf(""), "empty");
    }

    @Test
    void aResponseWaitsUntilEachCopyIsDone() {
        UnparsedResponses unparsed = new UnparsedResponses();
        unparsed.queued("z9hg4bk-a");
        unparsed.queued("z9hg4bk-a"); // its 180 and its 200
        assertTrue(unparsed.waitingFor("z9hG4bK-A"), "a transaction's branch as its request has it");
        unparsed.done("z9hg4bk-a");
        assertTrue(unparsed.waitingFor("z9hG4bK-a"));
        unparsed.done("z9hg4bk-a");
        assertFalse(unparsed.waitingFor("z9hG4bK-a"));
        unparsed.done("z9hg4bk-a"); // once more: nothing below zero
        assertEquals(0, unparsed.size());
        assertFalse(unparsed.waitingFor(null));
    }

    private static String branchOf(String datagram) {
        return UnparsedResponses.branchOf(datagram.getBytes(StandardCharsets.ISO_8859_1));
    }
}
