package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

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
 * A UAC application calls a sipp UAS: it starts the call when its servlet is initialized, acknowledges the 200 and
 * hangs up from its dialog.
 */
class UacCallTestCase {

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
    void callFromServletInitialized(String transport) throws Exception {
        Sipp.Server uas = Sipp.startServer("uas-answer.xml", transport);
        int port = FreePorts.udpAndTcp();
        // in angle brackets, so that the transport parameter belongs to the URI, not to the To header (RFC 3261 §20)
        String target = "<sip:service@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port), new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        ServletContext context = TestServletContext.create("uac");
        Caller caller = new Caller(this.events);
        this.container.deploy(SipApplicationDefinition.builder("uac", Map.of("caller", caller)).mainServlet("caller")
                .listeners(List.of((SipServletListener) event -> caller.call(event, target))).sessionTimeoutMinutes(3).servletContext(context).build());
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("sending INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("180", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 INVITE CONFIRMED", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 BYE TERMINATED", this.events.poll(5, TimeUnit.SECONDS));
        assertNotNull(context.getAttribute(SipServlet.SIP_FACTORY));
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callCancelledWhileRinging(String transport) throws Exception {
        Sipp.Server uas = Sipp.startServer("uas-cancelled.xml", transport);
        int port = FreePorts.udpAndTcp();
        String target = "<sip:service@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port), new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        Caller caller = new Caller(this.events, true);
        this.container.deploy(SipApplicationDefinition.builder("uac", Map.of("caller", caller)).mainServlet("caller")
                .listeners(List.of((SipServletListener) event -> caller.call(event, target))).sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("uac")).build());
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("sending INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("180", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("487 INVITE TERMINATED", this.events.poll(5, TimeUnit.SECONDS));
    }

    /** Places a call with the SipFactory of its context, and ends it once answered (or cancels it while it rings). */
    static final class Caller extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final boolean cancel;
        private transient volatile SipServletRequest invite;

        Caller(BlockingQueue<String> events) {
            this(events, false);
        }

        Caller(BlockingQueue<String> events, boolean cancel) {
            this.events = events;
            this.cancel = cancel;
        }

        void call(SipServletContextEvent event, String target) {
            SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SIP_FACTORY);
            try {
                SipApplicationSession session = factory.createApplicationSession();
                SipServletRequest invite = factory.createRequest(session, "INVITE", "sip:caller@example.com", target);
                this.invite = invite;
                // told before sending: the 180 may reach doProvisionalResponse, on a container thread, before send() returns here
                this.events.add("sending INVITE");
                invite.send();
            } catch (IOException | ServletException e) {
                this.events.add("failed " + e);
            }
        }

        @Override
        protected void doProvisionalResponse(SipServletResponse response) throws IOException {
            this.events.add(Integer.toString(response.getStatus()));
            if (this.cancel) {
                this.invite.createCancel().send();
            }
        }

        @Override
        protected void doErrorResponse(SipServletResponse response) {
            this.events.add(response.getStatus() + " " + response.getMethod() + " " + response.getSession().getState());
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add(response.getStatus() + " " + response.getMethod() + " " + response.getSession().getState());
            if (response.getMethod().equals("INVITE")) {
                response.createAck().send();
                response.getSession().createRequest("BYE").send();
            }
        }
    }
}
