package org.wildfly.extras.sip.container.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the transport reads a message's head before any parser: line ends, folding, compact names, the body left out. */
class MessageHeadTestCase {

    private static MessageHead head(String text) {
        return MessageHead.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void crlfAndBareLfLinesAreBothRead() {
        MessageHead head = head("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nCall-ID: c1\r\nCSeq: 1 OPTIONS\n\r\nbody: not a header\r\n");
        assertEquals("OPTIONS sip:a@b SIP/2.0", head.startLine());
        assertEquals(List.of("Via", "Call-ID", "CSeq"), head.headers().stream().map(HeaderFields.Field::name).toList());
        assertEquals("UDP", head.topViaTransport());
    }

    @Test
    void foldedLinesJoinTheirFieldAndCompactNamesAreMadeFull() {
        MessageHead head = head("\r\n\r\nINVITE sip:a@b SIP/2.0\r\nv: SIP/2.0/TCP h\r\n ;branch=z9hG4bK2\r\ni:  c2 \r\nSubject: one\r\n\ttwo\r\n\r\n");
        assertEquals("INVITE sip:a@b SIP/2.0", head.startLine(), "blank lines before the start line are skipped (RFC 3261 §7.5)");
        assertEquals("SIP/2.0/TCP h ;branch=z9hG4bK2", head.first("Via"));
        assertEquals("c2", head.first("Call-ID"));
        assertEquals("one two", head.first("Subject"));
    }

    @Test
    void aHeadWithoutEmptyLineOrColonsLosesNothingItHas() {
        MessageHead head = head("SIP/2.0 200 OK\r\nnonsense line\r\nCSeq: 7 BYE");
        assertEquals("SIP/2.0 200 OK", head.startLine());
        assertEquals(List.of("CSeq"), head.headers().stream().map(HeaderFields.Field::name).toList());
        assertEquals("7 BYE", head.first("CSeq"));
        assertEquals("", head("").startLine());
    }

    @Test
    void linesWithoutANameAndFoldsOfThemAreLeftOut() {
        MessageHead head = head("OPTIONS sip:a@b SIP/2.0\r\n: no name\r\n folded onto it\r\n  X-A: 1\r\nSubject: one  \r\n   two  \r\n\r\n");
        assertEquals(List.of("X-A", "Subject"), head.headers().stream().map(HeaderFields.Field::name).toList(),
                "a line that starts with a colon has no name, and a fold of it none either; a first field may start with spaces");
        assertEquals("1", head.first("X-A"));
        assertEquals("one   two", head.first("Subject"), "a fold keeps the spaces before it, one more, and the folded line trimmed");
    }

    @Test
    void theSentTransportIsReadAsTheRegularExpressionReadsIt() {
        java.util.regex.Pattern sentProtocol = java.util.regex.Pattern.compile("^\\s*([^/\\s]+)\\s*/\\s*([^/\\s]+)\\s*/\\s*([^\\s;,]+)");
        for (String via : new String[] { "SIP/2.0/UDP h;branch=z9hG4bK1", " SIP / 2.0 / tcp h", "SIP/2.0/UDP", "SIP/2.0/UDP;branch=x", "SIP/2.0/UDP,next",
                "SIP/2.0/", "SIP/2.0", "SIP", "", " ", "/2.0/UDP h", "SIP//UDP h", "SIP/2.0/\tTLS h", "SIP/2.0/UDP\u000Bh", "SIP\u00a0/2.0/UDP h",
                "SIP/2.0/UDP/x h", "SIP/2.0/ ;h" }) {
            java.util.regex.Matcher matcher = sentProtocol.matcher(via);
            assertEquals(matcher.find() ? matcher.group(3) : null, MessageHead.sentTransport(via), "[" + via + "]");
        }
    }
}
