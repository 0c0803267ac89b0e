package org.wildfly.extras.sip.container.transport.jainsip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.HeaderNames;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;

/**
 * A message the container sends on, changed or not, leaves as the stack would write it had it parsed the container's
 * text (the way before the parsed headers were kept): the same bytes, field for field.
 */
class JainSipMessagesTestCase {

    private static final String INVITE = """
            INVITE sip:bob@biloxi.example.com;transport=udp SIP/2.0\r
            v: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK-1;rport, SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bK-0\r
            Max-Forwards: 70\r
            Route: <sip:proxy.example.com;lr>\r
            f: "Alice, A." <sip:alice@atlanta.example.com>;tag=1928301774\r
            t: <tel:+1-212-555-0101>\r
            i: a84b4c76e66710@pc33.atlanta.example.com\r
            CSeq: 314159 invite\r
            m: <sip:alice@10.0.0.1:5070;transport=udp>;expires=60\r
            Allow: INVITE, ACK, CANCEL, BYE\r
            Supported: timer, 100rel\r
            P-Asserted-Identity: <sip:alice@atlanta.example.com>\r
            X-Counter: 5\r
            User-Agent: softphone/1.0 (linux)\r
            c: application/sdp\r
            l: 12\r
            \r
            v=0\r
            o=- 1\r
            """;

    private static final String RESPONSE = """
            SIP/2.0 180 Ringing\r
            Via: SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bK-9;received=10.0.0.9\r
            Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK-1\r
            Record-Route: <sip:10.0.0.9:5080;lr>, <sip:proxy.example.com;lr>\r
            From: <sip:alice@atlanta.example.com>;tag=1928301774\r
            To: <sip:bob@biloxi.example.com>;tag=a6c85cf\r
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r
            CSeq: 314159 INVITE\r
            Contact: <sip:bob@10.0.0.3:5090>\r
            Content-Length: 0\r
            \r
            """;

    private final MessageParser stackParser = new JainSipMessageParserFactory().createMessageParser(null);
    private final MessageFactoryImpl factory = new MessageFactoryImpl();

    @Test
    void aRequestSentOnUnchangedLeavesAsItsTextWould() throws Exception {
        RawRequest raw = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        assertSameOnTheWire(this.factory.createRequest(text(raw.encode())), JainSipMessages.toJain(raw.copy()));
    }

    @Test
    void aProxiedRequestLeavesWithWhatTheProxyChanged() throws Exception {
        RawRequest branch = JainSipMessages.toRaw((SIPRequest) this.read(INVITE)).copy();
        branch.setRequestUri("sip:bob@10.0.0.3:5090");
        branch.headers().addFirst(HeaderNames.VIA, "SIP/2.0/UDP 10.0.0.9:5080;branch=z9hG4bK-new");
        branch.headers().addFirst(HeaderNames.RECORD_ROUTE, "<sip:10.0.0.9:5080;lr>");
        branch.headers().set(HeaderNames.MAX_FORWARDS, "69");
        branch.headers().removeFirst(HeaderNames.ROUTE);
        branch.headers().add("X-Counter", "6");
        SIPRequest sent = JainSipMessages.toJain(branch);
        assertSameOnTheWire(this.factory.createRequest(text(branch.encode())), sent);
        String wire = text(sent.encodeAsBytes("UDP"));
        assertTrue(wire.startsWith("INVITE sip:bob@10.0.0.3:5090 SIP/2.0\r\n"), wire);
        assertEquals("z9hG4bK-new", sent.getTopmostVia().getBranch());
        assertEquals(69, sent.getMaxForwards().getMaxForwards());
        assertEquals(null, sent.getHeader("Route"));
        assertEquals(List.of("5", "6"), raw(sent).headers().all("X-Counter"));
    }

    @Test
    void aRelayedResponseLeavesWithoutTheTopVia() throws Exception {
        RawResponse relayed = JainSipMessages.toRaw((SIPResponse) this.read(RESPONSE)).copy();
        relayed.headers().removeFirst(HeaderNames.VIA);
        SIPResponse sent = JainSipMessages.toJain(relayed);
        assertSameOnTheWire(this.factory.createResponse(text(relayed.encode())), sent);
        assertEquals("z9hG4bK-1", sent.getTopmostVia().getBranch());
        assertEquals(180, sent.getStatusCode());
    }

    @Test
    void aResponseBuiltFromARequestKeepsItsFields() throws Exception {
        RawRequest request = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        RawResponse answer = RawResponse.answering(request, 200, null);
        answer.headers().set(HeaderNames.TO, request.headers().first(HeaderNames.TO) + ";tag=xyz");
        answer.headers().add(HeaderNames.CONTACT, "<sip:b2bua@10.0.0.9:5080>");
        answer.setContent("v=0\r\n".getBytes(StandardCharsets.UTF_8));
        answer.headers().add(HeaderNames.CONTENT_TYPE, "application/sdp");
        SIPResponse sent = JainSipMessages.toJain(answer);
        assertSameOnTheWire(this.factory.createResponse(text(answer.encode())), sent);
        assertEquals("xyz", sent.getToTag());
        assertEquals(5, sent.getContentLength().getContentLength());
    }

    @Test
    void theSentMessageIsACopyThatLeavesTheReceivedOneAlone() throws Exception {
        SIPRequest received = (SIPRequest) this.read(INVITE);
        SIPRequest sent = JainSipMessages.toJain(JainSipMessages.toRaw(received));
        sent.getTopmostVia().setBranch("z9hG4bK-changed");
        ((gov.nist.javax.sip.address.SipUri) sent.getRequestURI()).setUser("carol");
        assertEquals("z9hG4bK-1", received.getTopmostVia().getBranch());
        assertEquals("sip:bob@biloxi.example.com;transport=udp", received.getRequestURI().toString());
    }

    @Test
    void aSettledMessageKeepsItsTextAndIsSentAsBefore() throws Exception {
        RawRequest received = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        RawRequest kept = received.copy();
        String contact = received.headers().first(HeaderNames.CONTACT);
        byte[] before = JainSipMessages.toJain(kept).encodeAsBytes("UDP");
        received.settle();
        assertTrue(kept.headers().fields().stream().allMatch(field -> field.parsed() == null), "the copy shares the settled fields");
        assertEquals(null, received.parsedRequestUri());
        assertEquals(contact, kept.headers().first(HeaderNames.CONTACT));
        assertEquals("5", kept.headers().first("X-Counter"), "a field nobody had read keeps its text");
        assertEquals(text(before), text(JainSipMessages.toJain(kept).encodeAsBytes("UDP")));
    }

    @Test
    void aValueWithALineBreakIsRefused() throws Exception {
        RawRequest raw = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        raw.headers().set("Subject", "hello\r\nRoute: <sip:evil.example.com;lr>");
        assertThrows(ParseException.class, () -> JainSipMessages.toJain(raw));
    }

    @Test
    void aMalformedMandatoryFieldIsRefused() throws Exception {
        RawRequest raw = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        raw.headers().set(HeaderNames.CSEQ, "many INVITE");
        ParseException refused = assertThrows(ParseException.class, () -> JainSipMessages.toJain(raw));
        assertTrue(refused.getMessage().startsWith("CSeq: "), refused.getMessage());
    }

    @Test
    void aMalformedOptionalFieldIsLeftOutAsTheStackLeavesItOut() throws Exception {
        RawRequest raw = JainSipMessages.toRaw((SIPRequest) this.read(INVITE));
        raw.headers().set("Expires", "tomorrow");
        SIPRequest sent = JainSipMessages.toJain(raw);
        assertSameOnTheWire(this.factory.createRequest(text(raw.encode())), sent);
        assertEquals(null, sent.getHeader("Expires"));
    }

    private SIPMessage read(String message) throws ParseException {
        return this.stackParser.parseSIPMessage(message.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static RawRequest raw(SIPRequest request) {
        return JainSipMessages.toRaw(request);
    }

    private static void assertSameOnTheWire(Object fromText, SIPMessage built) {
        String expected = text(((SIPMessage) fromText).encodeAsBytes("UDP"));
        assertEquals(expected, text(built.encodeAsBytes("UDP")));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
