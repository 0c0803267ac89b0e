package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * The context attributes of what the container offers (JSR 289 §3.2): its outbound interfaces, one SIP URI per
 * listening point, the extensions and RFCs it supports; {@code setOutboundInterface} takes one of those interfaces and
 * refuses any other address.
 */
class OutboundInterfacesTestCase {

    @Test
    void interfacesAreListedAndOthersRefused() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        int port = FreePorts.udpAndTcp();
        SipServletListener probe = event -> {
            List<?> interfaces = (List<?>) event.getServletContext().getAttribute(SipServlet.OUTBOUND_INTERFACES);
            List<String> listed = new ArrayList<>();
            interfaces.forEach(uri -> listed.add(((SipURI) uri).toString()));
            events.add(String.join(" ", listed));
            events.add(event.getServletContext().getAttribute(SipServlet.SUPPORTED) + " " + event.getServletContext().getAttribute(SipServlet.SUPPORTED_RFCs));
            try {
                SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
                SipSession session = factory.createRequest(factory.createApplicationSession(), "OPTIONS", "sip:a@example.com", "sip:b@example.com").getSession();
                session.setOutboundInterface(new InetSocketAddress("127.0.0.1", port));
                session.setOutboundInterface(InetAddress.getByName("127.0.0.1"));
                events.add("own interface taken");
                session.setOutboundInterface(InetAddress.getByName("192.0.2.1"));
                events.add("another address taken");
            } catch (IllegalArgumentException e) {
                events.add("refused: " + e.getMessage().startsWith("/192.0.2.1:0 is not an interface this container listens on"));
            } catch (Exception e) {
                events.add("failed " + e);
            }
        };
        try (SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2))) {
            container.deploy(SipApplicationDefinition.builder("interfaces", Map.of("main", new SipServlet() {
                private static final long serialVersionUID = 1L;
            })).mainServlet("main").listeners(List.of(probe)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("interfaces")).build());
            assertEquals("sip:127.0.0.1:" + port + ";transport=udp sip:127.0.0.1:" + port + ";transport=tcp", events.poll(5, TimeUnit.SECONDS));
            assertEquals("[100rel, path] [3261, 3262, 3311, 3327, 3428, 3581]", events.poll(5, TimeUnit.SECONDS));
            assertEquals("own interface taken", events.poll(5, TimeUnit.SECONDS));
            assertEquals("refused: true", events.poll(5, TimeUnit.SECONDS));
        }
    }

    /**
     * Two UDP connectors: a request leaves from the one the session's outbound interface names (its Via, its Contact,
     * and the datagram's source port), and from the first without one.
     */
    @Test
    void requestLeavesFromTheChosenInterface() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        int first = FreePorts.udpAndTcp();
        int second = FreePorts.udpAndTcp();
        try (UdpProbe peer = new UdpProbe();
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", first),
                        new ListeningPoint(Transport.UDP, "127.0.0.1", second)), null, -1, 2))) {
            String target = "sip:watcher@127.0.0.1:" + peer.port();
            SipServletListener sender = event -> {
                SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
                try {
                    SipServletRequest chosen = factory.createRequest(factory.createApplicationSession(), "SUBSCRIBE", "sip:a@example.com", target);
                    chosen.getSession().setOutboundInterface(new InetSocketAddress("127.0.0.1", second));
                    chosen.setHeader("Event", "presence");
                    chosen.send();
                    SipServletRequest plain = factory.createRequest(factory.createApplicationSession(), "SUBSCRIBE", "sip:a@example.com", target);
                    plain.setHeader("Event", "presence");
                    plain.send();
                } catch (Exception e) {
                    events.add("failed " + e);
                }
            };
            container.deploy(SipApplicationDefinition.builder("interfaces", Map.of("main", new SipServlet() {
                private static final long serialVersionUID = 1L;
            })).mainServlet("main").listeners(List.of(sender)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("interfaces")).build());
            String viaChosen = "Via: SIP/2.0/UDP 127.0.0.1:" + second + ";";
            String contactChosen = "<sip:127.0.0.1:" + second + ">";
            String chosen = peer.receiveStarting("SUBSCRIBE ");
            assertEquals(second, peer.lastSenderPort(), "sent from the chosen connector: " + chosen);
            assertTrue(chosen.contains(viaChosen) && chosen.contains(contactChosen), chosen);
            String plain = peer.receiveStarting("SUBSCRIBE ");
            assertEquals(first, peer.lastSenderPort(), "sent from the first connector: " + plain);
            assertTrue(plain.contains("Via: SIP/2.0/UDP 127.0.0.1:" + first + ";"), plain);
            assertNull(events.poll(100, TimeUnit.MILLISECONDS));
        }
    }
}
