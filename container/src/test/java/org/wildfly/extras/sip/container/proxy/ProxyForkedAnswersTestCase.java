package org.wildfly.extras.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.SipTexts;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A record-routing proxy application whose INVITE forks further down, so that two callees answer (JSR 289 §6.2.3.2):
 * the application sees the second 2xx in a derived SIP session, each dialog's ACK and BYE reach the session of that
 * dialog, and each ACK goes on to its own callee (the two share Call-ID, Route and CSeq).
 */
class ProxyForkedAnswersTestCase {

    @Test
    void eachDialogHasItsOwnSession() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        int port = FreePorts.udpAndTcp();
        try (UdpProbe caller = new UdpProbe(); UdpProbe callee = new UdpProbe();
                SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2))) {
            container.deploy(SipApplicationDefinition.builder("forking-proxy", Map.of("main", new RecordingProxy(events, "sip:callee@127.0.0.1:" + callee.port())))
                    .mainServlet("main").sessionTimeoutMinutes(3).servletContext(TestServletContext.create("forking-proxy")).build());
            String from = "From: <sip:caller@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n";
            String to = "To: <sip:callee@127.0.0.1:" + port + ">";
            caller.send("INVITE sip:callee@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-fork-invite;rport\r\n"
                    + from + to + "\r\nCall-ID: proxy-fork-1\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:" + caller.port() + ">\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n", port);
            String invite = callee.receiveStarting("INVITE ");
            callee.send(SipTexts.success(invite, "calleeA", callee.port()), port);
            callee.send(SipTexts.success(invite, "calleeB", callee.port()), port);
            String first = caller.receiveStarting("SIP/2.0 200 ");
            String second = caller.receiveStarting("SIP/2.0 200 ");
            assertEquals(List.of("calleeA", "calleeB"), List.of(SipTexts.toTag(first), SipTexts.toTag(second)), "both 2xx reach the caller");
            String route = SipTexts.header(first, "Record-Route");
            assertNotNull(route, first);
            for (String dialog : List.of("calleeA", "calleeB")) {
                caller.send(inDialog("ACK", 1, dialog, route, from, to, caller.port(), callee.port()), port);
            }
            caller.send(inDialog("BYE", 2, "calleeB", route, from, to, caller.port(), callee.port()), port);
            List<String> downstream = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String request = callee.receive();
                assertNotNull(request, "requests so far: " + downstream);
                if (request.startsWith("SIP/2.0")) {
                    i--;
                    continue;
                }
                downstream.add(request.substring(0, request.indexOf(' ')) + " " + SipTexts.toTag(request));
                if (request.startsWith("BYE ")) {
                    callee.send(SipTexts.answer(request), port);
                }
            }
            assertEquals(List.of("ACK calleeA", "ACK calleeB", "BYE calleeB"), downstream, "each ACK to its callee, the BYE to the second");
            assertNotNull(caller.receiveStarting("SIP/2.0 200 "), "the BYE's answer comes back");

            String a = events.poll(5, TimeUnit.SECONDS);
            String b = events.poll(5, TimeUnit.SECONDS);
            String firstSession = a.substring(a.indexOf(" in "));
            String secondSession = b.substring(b.indexOf(" in "));
            assertEquals("200 calleeA" + firstSession, a);
            assertEquals("200 calleeB" + secondSession, b);
            assertNotEquals(firstSession, secondSession, "the second dialog has a SIP session of its own");
            List<String> rest = new ArrayList<>();
            for (String event = events.poll(5, TimeUnit.SECONDS); event != null && rest.size() < 3; event = events.poll(5, TimeUnit.SECONDS)) {
                rest.add(event);
            }
            assertEquals(List.of("ACK calleeA" + firstSession, "ACK calleeB" + secondSession, "BYE calleeB" + secondSession), rest);
        }
    }

    private static String inDialog(String method, int cseq, String dialog, String route, String from, String to, int callerPort, int calleePort) {
        return method + " sip:" + dialog + "@127.0.0.1:" + calleePort + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + callerPort + ";branch=z9hG4bK-" + method + dialog
                + ";rport\r\nRoute: " + route + "\r\n" + from + to + ";tag=" + dialog + "\r\nCall-ID: proxy-fork-1\r\nCSeq: " + cseq + " " + method
                + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** Proxies every INVITE, record-routing and supervised, and reports which session each message is in. */
    static final class RecordingProxy extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final String target;

        RecordingProxy(BlockingQueue<String> events, String target) {
            this.events = events;
            this.target = target;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws ServletException, IOException {
            Proxy proxy = request.getProxy();
            proxy.setRecordRoute(true);
            proxy.proxyTo(((SipFactory) this.getServletContext().getAttribute(SIP_FACTORY)).createURI(this.target));
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.events.add("ACK " + request.getTo().getParameter("tag") + " in " + request.getSession().getId());
        }

        @Override
        protected void doBye(SipServletRequest request) {
            this.events.add("BYE " + request.getTo().getParameter("tag") + " in " + request.getSession().getId());
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            if (response.getMethod().equals("INVITE")) {
                this.events.add("200 " + response.getTo().getParameter("tag") + " in " + response.getSession().getId());
            }
        }
    }
}
