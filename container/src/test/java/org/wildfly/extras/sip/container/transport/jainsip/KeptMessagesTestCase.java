package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import gov.nist.javax.sip.message.SIPRequest;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.RawRequest;

/** A message the container keeps after the stack let it go ends up with its text only, and loses none of it. */
class KeptMessagesTestCase {

    private static final String BYE = "BYE sip:bob@10.0.0.3:5090 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK-2\r\nMax-Forwards: 70\r\n"
            + "From: <sip:alice@atlanta.example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>;tag=2\r\nCall-ID: c2\r\nCSeq: 2 BYE\r\n"
            + "X-Note: kept\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aKeptMessageIsSettledAfterASweepHasPassed() throws Exception {
        RawRequest kept = JainSipMessages.toRaw((SIPRequest) new JainSipMessageParserFactory().createMessageParser(null)
                .parseSIPMessage(BYE.getBytes(StandardCharsets.UTF_8), true, false, null));
        try (KeptMessages messages = new KeptMessages("kept-test")) {
            messages.released(kept);
            messages.sweep(); // released since the last sweep: the container may still be about to drop it
            assertTrue(kept.headers().fields().stream().allMatch(field -> field.parsed() != null));
            messages.sweep();
            assertTrue(kept.headers().fields().stream().allMatch(field -> field.parsed() == null), "settled: text only");
            assertEquals(null, kept.parsedRequestUri());
            assertEquals("kept", kept.headers().first("X-Note"));
            assertEquals("2 BYE", kept.headers().first("CSeq"));
        }
    }
}
