package org.wildfly.extras.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * The argument checks of {@code B2buaHelper} (JSR 289 §12), made by a B2BUA on a MESSAGE it received: each wrong call
 * throws the exception its javadoc names, and the request is still answered.
 */
class B2buaArgumentsTestCase {

    @Test
    void wrongArgumentsThrowWhatTheJavadocSays() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        int port = FreePorts.udpAndTcp();
        try (SipContainer container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
                UdpProbe sender = new UdpProbe()) {
            container.deploy(SipApplicationDefinition.builder("checks", Map.of("main", new Checking(events))).mainServlet("main").sessionTimeoutMinutes(3)
                    .servletContext(TestServletContext.create("checks")).build());
            sender.send("MESSAGE sip:service@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + sender.port() + ";branch=z9hG4bKchecks\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:service@127.0.0.1>\r\nFrom: <sip:caller@127.0.0.1>;tag=c1\r\nCall-ID: checks\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n", port);
            String answer = sender.receive();
            assertTrue(answer != null && answer.startsWith("SIP/2.0 200 "), answer);
            assertEquals(List.of("link null: NullPointerException", "link invalid: IllegalArgumentException", "pending invalid: IllegalArgumentException",
                    "pending no mode: NullPointerException", "system header: IllegalArgumentException", "leg linked elsewhere: IllegalArgumentException",
                    "unlink unlinked: IllegalArgumentException", "cancel null: NullPointerException", "linked session of invalid: IllegalArgumentException"),
                    List.of(events.poll(5, TimeUnit.SECONDS).split("\n")));
        }
    }

    /** Makes each wrong call and records what it threw, then answers the MESSAGE. */
    static final class Checking extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Checking(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException, ServletException {
            B2buaHelper helper = request.getB2buaHelper();
            SipFactory factory = (SipFactory) this.getServletContext().getAttribute(SIP_FACTORY);
            SipSession other = factory.createRequest(request.getApplicationSession(), "MESSAGE", "sip:a@example.com", "sip:b@example.com").getSession();
            SipSession invalid = factory.createRequest(request.getApplicationSession(), "MESSAGE", "sip:a@example.com", "sip:c@example.com").getSession();
            invalid.invalidate();
            SipSession third = factory.createRequest(request.getApplicationSession(), "MESSAGE", "sip:a@example.com", "sip:d@example.com").getSession();
            SipSession lone = factory.createRequest(request.getApplicationSession(), "MESSAGE", "sip:a@example.com", "sip:e@example.com").getSession();
            List<String> seen = new ArrayList<>();
            seen.add("link null: " + thrown(() -> helper.linkSipSessions(request.getSession(), null)));
            seen.add("link invalid: " + thrown(() -> helper.linkSipSessions(request.getSession(), invalid)));
            seen.add("pending invalid: " + thrown(() -> helper.getPendingMessages(invalid, UAMode.UAC)));
            seen.add("pending no mode: " + thrown(() -> helper.getPendingMessages(other, null)));
            seen.add("system header: " + thrown(() -> helper.createRequest(request, true, Map.of("Via", List.of("SIP/2.0/UDP 192.0.2.1")))));
            helper.linkSipSessions(other, third);
            seen.add("leg linked elsewhere: " + thrown(() -> helper.createRequest(other, request, null)));
            seen.add("unlink unlinked: " + thrown(() -> helper.unlinkSipSessions(lone)));
            seen.add("cancel null: " + thrown(() -> helper.createCancel(null)));
            seen.add("linked session of invalid: " + thrown(() -> helper.getLinkedSession(invalid)));
            this.events.add(String.join("\n", seen));
            request.createResponse(200).send();
        }

        private static String thrown(ThrowingCall call) {
            try {
                call.run();
                return "nothing";
            } catch (Exception e) {
                return e.getClass().getSimpleName();
            }
        }

        @FunctionalInterface
        interface ThrowingCall {
            void run() throws Exception;
        }
    }
}
