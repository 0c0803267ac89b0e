package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the transport reads of a message before the stack's parser, and what it refuses. */
class InboundChecksTestCase {

    private static final String HEAD = "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nv: SIP / 2.0 / UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
            + "f: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\ni: c1\r\nCSeq: 1 OPTIONS\r\n";

    private static MessageHead head(String text) {
        return MessageHead.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compactNamesContinuationLinesAndNoBody() {
        MessageHead head = head(HEAD + "Subject: one\r\n  two\r\nContent-Length: 9\r\n\r\nCSeq: 2 X");
        assertEquals("c1", head.first(HeaderNames.CALL_ID));
        assertEquals("one two", head.first("Subject"));
        assertEquals(1, head.all(HeaderNames.CSEQ).size(), "the body is not read as header fields");
        assertEquals("UDP", head.topViaTransport());
        assertNull(InboundChecks.check(head, Transport.UDP));
    }

    @Test
    void whatIsRefusedAndHow() {
        assertEquals(400, InboundChecks.check(head(HEAD.replace("i: c1\r\n", "") + "\r\n"), Transport.UDP).status());
        assertEquals(400, InboundChecks.check(head(HEAD + "Call-ID: c2\r\n\r\n"), Transport.UDP).status());
        assertEquals(400, InboundChecks.check(head(HEAD.replace("CSeq: 1 ", "CSeq: 2147483648 ") + "\r\n"), Transport.UDP).status());
        assertNull(InboundChecks.check(head(HEAD.replace("CSeq: 1 ", "CSeq: 2147483647 ") + "\r\n"), Transport.UDP));
        assertEquals(400, InboundChecks.check(head(HEAD.replace("CSeq: 1 OPTIONS", "CSeq: 1 options") + "\r\n"), Transport.UDP).status());
        assertEquals(400, InboundChecks.check(head(HEAD + "\r\n"), Transport.TCP).status(), "a Via of UDP over TCP");
        InboundChecks.Verdict lowerCase = InboundChecks.check(head(HEAD.replace("OPTIONS", "options") + "\r\n"), Transport.UDP);
        assertEquals(501, lowerCase.status());
        assertEquals("Not Implemented", lowerCase.reasonPhrase());
        assertEquals(0, InboundChecks.check(head("SIP/2.0 200 OK\r\nTo: <sip:a@127.0.0.1>\r\n\r\n"), Transport.UDP).status(), "a bad response is dropped");
    }

    @Test
    void anAnswerCopiesTheRequestsFieldsAndTagsTheTo() {
        String answer = new String(head(HEAD + "\r\n").answer(400, "Bad Request (x)"), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request (x)\r\nVia: SIP / 2.0 / UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"), answer);
        assertTrue(answer.contains("\r\nTo: <sip:a@127.0.0.1>;tag="), answer);
        assertTrue(answer.contains("\r\nCall-ID: c1\r\n") && answer.contains("\r\nCSeq: 1 OPTIONS\r\n") && answer.endsWith("Content-Length: 0\r\n\r\n"), answer);
        assertNull(head("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n").answer(400, "x"), "no Via, nowhere to answer");
    }

    @Test
    void wordsAreSplitAsTheRegularExpressionSplitsThem() {
        for (String value : new String[] { "1 INVITE", "  1   INVITE  ", "1\tINVITE", "1\u000BINVITE", "", " ", "1", "1 2 3", "\u00011 INVITE\u0002",
                "1\u00a0INVITE" }) {
            assertArrayEquals(value.trim().split("\\s+"), InboundChecks.words(value), "[" + value + "]");
        }
    }
}
