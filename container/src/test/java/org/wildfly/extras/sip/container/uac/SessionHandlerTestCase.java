package org.wildfly.extras.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import jakarta.servlet.ServletException;

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
 * A session the application creates, whose handler it names ({@code SipSession.setHandler}), has its responses
 * delivered to that servlet, not to the main one (JSR 289 §6.2.3).
 */
class SessionHandlerTestCase {

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
    void responsesReachTheSessionsHandler(String transport) throws Exception {
        Sipp.Server uas = Sipp.startServer("uas-answer.xml", transport);
        int port = FreePorts.udpAndTcp();
        String target = "<sip:service@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port), new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        Recorder main = new Recorder("main", this.events);
        Recorder calls = new Recorder("calls", this.events);
        SipServletListener starter = event -> this.call(event, target);
        this.container.deploy(SipApplicationDefinition.builder("handlers", Map.of("main", main, "calls", calls)).mainServlet("main")
                .listeners(List.of(starter)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("handlers")).build());
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("sending INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("calls: 180", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("calls: 200 INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("calls: 200 BYE", this.events.poll(5, TimeUnit.SECONDS));
    }

    private void call(SipServletContextEvent event, String target) {
        if (!"main".equals(event.getSipServlet().getServletName())) {
            return; // once, when the main servlet is ready
        }
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest invite = factory.createRequest(session, "INVITE", "sip:caller@example.com", target);
            invite.getSession().setHandler("calls");
            this.events.add("sending INVITE");
            invite.send();
        } catch (IOException | ServletException e) {
            this.events.add("failed " + e);
        }
    }

    /** Says which servlet each response reached; acknowledges the 200 and hangs up. */
    static final class Recorder extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final transient BlockingQueue<String> events;

        Recorder(String name, BlockingQueue<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        protected void doProvisionalResponse(SipServletResponse response) {
            this.events.add(this.name + ": " + response.getStatus());
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) throws IOException {
            this.events.add(this.name + ": " + response.getStatus() + " " + response.getMethod());
            if (response.getMethod().equals("INVITE")) {
                response.createAck().send();
                response.getSession().createRequest("BYE").send();
            }
        }
    }
}
