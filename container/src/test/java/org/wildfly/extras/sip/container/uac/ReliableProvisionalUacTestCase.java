package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * A UAC application acknowledges a reliable provisional response ({@code createPrack}, RFC 3262 §4): the PRACK goes in
 * the early dialog with the RAck the 180 asks for, the callee answers it and then the call.
 */
class ReliableProvisionalUacTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void reliable180IsPracked(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("prack-uas.xml", transport);
        int port = FreePorts.udpAndTcp();
        String target = "<sip:callee@127.0.0.1:" + callee.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        SipServletListener starter = event -> this.call(event, target);
        this.container.deploy(SipApplicationDefinition.builder("prack", Map.of("main", new Caller(this.events))).mainServlet("main")
                .listeners(List.of(starter)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("prack")).build());
        Sipp.Result result = callee.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("180 reliable: PRACK sent", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 PRACK", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 BYE", this.events.poll(5, TimeUnit.SECONDS));
    }

    private void call(SipServletContextEvent event, String target) {
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest invite = factory.createRequest(session, "INVITE", "sip:caller@example.com", target);
            invite.addHeader("Supported", "100rel");
            invite.send();
        } catch (IOException | ServletException e) {
            this.events.add("failed " + e);
        }
    }

    /** PRACKs a reliable 1xx; acknowledges the 200 and hangs up. */
    static final class Caller extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Caller(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doProvisionalResponse(SipServletResponse response) throws IOException {
            try {
                response.createPrack().send();
                this.events.add(response.getStatus() + " reliable: PRACK sent");
            } catch (Rel100Exception e) {
                this.events.add(response.getStatus() + " not reliable: " + e.getReason());
            }
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod());
            if (response.getMethod().equals("INVITE")) {
                response.createAck().send();
                response.getSession().createRequest("BYE").send();
            }
        }
    }
}
