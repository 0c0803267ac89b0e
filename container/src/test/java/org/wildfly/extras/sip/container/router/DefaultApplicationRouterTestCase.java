package org.wildfly.extras.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.HeaderFields;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.message.SipServletRequestImpl;
import org.wildfly.extras.sip.container.transport.Peer;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The default application router of JSR 289 Appendix C, on its properties format.
 */
class DefaultApplicationRouterTestCase {

    private static final String CHAINS = "INVITE: (\"OriginatingCallWaiting\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), "
            + "(\"CallForwarding\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")\n"
            + "MESSAGE: (\"Chat\", \"DAR:To\", \"NEUTRAL\", \"sip:next.example.com;lr\", \"ROUTE\", \"0\")\n";

    @Test
    void chainIsWalkedInOrderThroughStateInfo() throws IOException {
        DefaultApplicationRouter router = router(CHAINS, "CallForwarding", "OriginatingCallWaiting");
        SipServletRequest invite = request("INVITE");
        SipApplicationRouterInfo first = router.getNextApplication(invite, null, SipApplicationRoutingDirective.NEW, null, null);
        assertEquals("OriginatingCallWaiting", first.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.ORIGINATING_REGION, first.getRoutingRegion());
        assertEquals("sip:alice@atlanta.example.com", first.getSubscriberURI());
        assertEquals(SipRouteModifier.NO_ROUTE, first.getRouteModifier());
        SipApplicationRouterInfo second = router.getNextApplication(invite, first.getRoutingRegion(), SipApplicationRoutingDirective.CONTINUE, null, first.getStateInfo());
        assertEquals("CallForwarding", second.getNextApplicationName());
        assertEquals("sip:bob@biloxi.example.com", second.getSubscriberURI());
        assertNull(router.getNextApplication(invite, second.getRoutingRegion(), SipApplicationRoutingDirective.CONTINUE, null, second.getStateInfo()), "end of the chain");
        assertEquals("OriginatingCallWaiting", router.getNextApplication(invite, null, SipApplicationRoutingDirective.NEW, null, second.getStateInfo()).getNextApplicationName(), "NEW starts over");
    }

    @Test
    void undeployedApplicationsAreSkipped() throws IOException {
        DefaultApplicationRouter router = router(CHAINS, "CallForwarding", "OriginatingCallWaiting");
        router.applicationUndeployed(List.of("OriginatingCallWaiting"));
        assertEquals("CallForwarding", router.getNextApplication(request("INVITE"), null, SipApplicationRoutingDirective.NEW, null, null).getNextApplicationName());
        assertNull(router.getNextApplication(request("OPTIONS"), null, SipApplicationRoutingDirective.NEW, null, null), "no chain for OPTIONS");
    }

    @Test
    void routesAndModifiersAreReturned() throws IOException {
        SipApplicationRouterInfo chat = router(CHAINS, "Chat").getNextApplication(request("MESSAGE"), null, SipApplicationRoutingDirective.NEW, null, null);
        assertEquals(SipRouteModifier.ROUTE, chat.getRouteModifier());
        assertEquals(List.of("sip:next.example.com;lr"), List.of(chat.getRoutes()));
        assertEquals(SipApplicationRoutingRegion.NEUTRAL_REGION, chat.getRoutingRegion());
    }

    /** Every field of SipApplicationRouterInfo but the state: several routes, a subscriber URI as such, a region label. */
    @Test
    void everyFieldCanBeGiven() throws IOException {
        SipApplicationRouterInfo info = router("SUBSCRIBE: (\"Presence\", \"sip:watcher@example.com\", \"TERMINATING:presence\", \"sip:a.example.com;lr  sip:b.example.com;lr\", \"ROUTE_BACK\", \"0\")",
                "Presence").getNextApplication(request("SUBSCRIBE"), null, SipApplicationRoutingDirective.NEW, null, null);
        assertEquals(List.of("sip:a.example.com;lr", "sip:b.example.com;lr"), List.of(info.getRoutes()));
        assertEquals(SipRouteModifier.ROUTE_BACK, info.getRouteModifier());
        assertEquals("sip:watcher@example.com", info.getSubscriberURI());
        assertEquals("presence", info.getRoutingRegion().getLabel());
        assertEquals(javax.servlet.sip.ar.SipApplicationRoutingRegionType.TERMINATING, info.getRoutingRegion().getType());
        IllegalArgumentException routeless = assertThrows(IllegalArgumentException.class, () -> router("INVITE: (\"A\", \"DAR:From\", \"NEUTRAL\", \"\", \"ROUTE\", \"0\")"));
        assertTrue(routeless.getMessage().contains("needs a route"), routeless.getMessage());
    }

    /** A request an application sends with CONTINUE goes on from its state; without one (not routed by this router), it leaves. */
    @Test
    void continueWithoutStateEndsTheChain() throws IOException {
        DefaultApplicationRouter router = router(CHAINS, "CallForwarding", "OriginatingCallWaiting");
        assertNull(router.getNextApplication(request("INVITE"), null, SipApplicationRoutingDirective.CONTINUE, null, null));
        assertNull(router.getNextApplication(request("INVITE"), null, SipApplicationRoutingDirective.REVERSE, null, "not the router's"));
    }

    @Test
    void withoutChainsTheFirstDeployedApplicationServes() {
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        router.init(new Properties());
        router.applicationDeployed(List.of("only", "second"));
        SipApplicationRouterInfo info = router.getNextApplication(request("OPTIONS"), null, SipApplicationRoutingDirective.NEW, null, null);
        assertEquals("only", info.getNextApplicationName());
        assertNull(router.getNextApplication(request("OPTIONS"), null, SipApplicationRoutingDirective.CONTINUE, null, info.getStateInfo()), "once");
        SipServletRequest sent = new SipServletRequestImpl(new RawRequest("OPTIONS", "sip:bob@biloxi.example.com", ((SipServletRequestImpl) request("OPTIONS")).raw().headers(), null),
                null, true, null, null, null, -1, null);
        assertNull(router.getNextApplication(sent, null, SipApplicationRoutingDirective.NEW, null, null), "a request an application sends leaves");
    }

    @Test
    void malformedChainsNameTheMethodAndTheFault() {
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class, () -> router("INVITE: (\"A\", \"DAR:From\", \"UPSTREAM\", \"\", \"NO_ROUTE\", \"0\")"));
        assertTrue(region.getMessage().contains("INVITE") && region.getMessage().contains("UPSTREAM"), region.getMessage());
        IllegalArgumentException fields = assertThrows(IllegalArgumentException.class, () -> router("BYE: (\"A\", \"DAR:From\")"));
        assertTrue(fields.getMessage().contains("6 fields"), fields.getMessage());
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class, () -> router("INFO: (\"A, \"DAR:From\""));
        assertTrue(quote.getMessage().contains("INFO"), quote.getMessage());
    }

    private static DefaultApplicationRouter router(String chains, String... deployed) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(chains));
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        router.init(properties);
        router.applicationDeployed(List.of(deployed));
        return router;
    }

    private static SipServletRequest request(String method) {
        HeaderFields headers = new HeaderFields();
        headers.add("Via", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKdar");
        headers.add("From", "Alice <sip:alice@atlanta.example.com>;tag=1");
        headers.add("To", "Bob <sip:bob@biloxi.example.com>");
        headers.add("Call-ID", "dar-test");
        headers.add("CSeq", "1 " + method);
        return new SipServletRequestImpl(new RawRequest(method, "sip:bob@biloxi.example.com", headers, null), null, true, null, new Peer(Transport.UDP, "192.0.2.1", 5060), null, -1, null);
    }
}
