package org.wildfly.extras.sip.container.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.transport.RawResponse;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * The dialog rules of RFC 3261 §12 on the call flow of RFC 3261 §24.2, where two proxies record-route.
 */
class DialogsTestCase {

    private static final RawRequest INVITE = new RawRequest("INVITE", "sip:bob@biloxi.com", headers(
            "Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1",
            "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1",
            "Max-Forwards: 69",
            "Record-Route: <sip:server10.biloxi.com;lr>",
            "Record-Route: <sip:bigbox3.site3.atlanta.com;lr>",
            "To: Bob <sip:bob@biloxi.com>",
            "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@pc33.atlanta.com>"), null);

    private static final RawResponse OK = new RawResponse(200, "OK", headers(
            "Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1",
            "Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1",
            "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1",
            "Record-Route: <sip:server10.biloxi.com;lr>",
            "Record-Route: <sip:bigbox3.site3.atlanta.com;lr>",
            "To: Bob <sip:bob@biloxi.com>;tag=a6c85cf",
            "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:bob@192.0.2.4>"), null);

    @Test
    void uasDialogFromInviteAnd200() throws SyntaxException {
        DialogState bob = Dialogs.asUas(INVITE, OK);
        assertEquals(DialogState.Role.UAS, bob.role());
        assertEquals("a6c85cf", bob.localTag());
        assertEquals("1928301774", bob.remoteTag());
        assertEquals(314159, bob.remoteSequence());
        assertEquals("sip:alice@pc33.atlanta.com", bob.remoteTarget());
        assertEquals(List.of("<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr>"), bob.routeSet());
        assertEquals(DialogState.State.CONFIRMED, bob.state());

        RawRequest bye = Dialogs.request(bob, "BYE", 0);
        assertEquals("sip:alice@pc33.atlanta.com", bye.requestUri());
        assertEquals(List.of("<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr>"), bye.headers().all("Route"));
        assertEquals("Bob <sip:bob@biloxi.com>;tag=a6c85cf", bye.headers().first("From"));
        assertEquals("Alice <sip:alice@atlanta.com>;tag=1928301774", bye.headers().first("To"));
        assertEquals("a84b4c76e66710@pc33.atlanta.com", bye.callId());
        assertEquals("1 BYE", bye.headers().first("CSeq"));
    }

    @Test
    void uacDialogReversesTheRouteSet() throws SyntaxException {
        DialogState alice = Dialogs.asUac(INVITE, OK);
        assertEquals("1928301774", alice.localTag());
        assertEquals("a6c85cf", alice.remoteTag());
        assertEquals("sip:bob@192.0.2.4", alice.remoteTarget());
        assertEquals(List.of("<sip:bigbox3.site3.atlanta.com;lr>", "<sip:server10.biloxi.com;lr>"), alice.routeSet());

        RawRequest ack = Dialogs.request(alice, "ACK", 314159);
        assertEquals("314159 ACK", ack.headers().first("CSeq"));
        RawRequest bye = Dialogs.request(alice, "BYE", 0);
        assertEquals("314160 BYE", bye.headers().first("CSeq"));
        assertEquals("sip:bob@192.0.2.4", bye.requestUri());
        assertEquals("<sip:bigbox3.site3.atlanta.com;lr>", bye.headers().first("Route"));
    }

    @Test
    void strictRouterGetsTheRequestUri() throws SyntaxException {
        DialogState dialog = new DialogState(DialogState.Role.UAC, "c1", "a", "b", "<sip:a@x>", "<sip:b@y>", 1, -1, "sip:b@192.0.2.9",
                List.of("<sip:strict.example.com;method=INVITE>", "<sip:next.example.com;lr>"), false, DialogState.State.CONFIRMED);
        RawRequest bye = Dialogs.request(dialog, "BYE", 0);
        assertEquals("sip:strict.example.com", bye.requestUri());
        assertEquals(List.of("<sip:next.example.com;lr>", "<sip:b@192.0.2.9>"), bye.headers().all("Route"));
    }

    @Test
    void outOfOrderRequestIsRefused() throws SyntaxException {
        DialogState bob = Dialogs.asUas(INVITE, OK);
        assertTrue(bob.acceptRemoteSequence(314160));
        assertFalse(bob.acceptRemoteSequence(314159));
    }

    @Test
    void identifiersAreRandomAndPlain() {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String tag = Identifiers.random(16);
            assertTrue(tag.matches("[0-9a-v]{16}"), tag);
            tags.add(tag);
        }
        assertEquals(10_000, tags.size());
        assertTrue(Identifiers.branch().startsWith("z9hG4bK"));
        assertNotEquals(Identifiers.callId(), Identifiers.callId());
    }

    private static HeaderFields headers(String... lines) {
        HeaderFields headers = new HeaderFields();
        for (String line : lines) {
            int colon = line.indexOf(':');
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }
}
