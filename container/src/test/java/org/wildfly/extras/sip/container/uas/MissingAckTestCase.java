package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServlet;
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
 * A caller that never acknowledges the 200 of a UAS application: after 64*T1 the container tells the application's
 * SipErrorListener (noAckReceived) and ends the dialog with a BYE (RFC 3261 §13.3.1.4), over UDP (where it retransmitted
 * the 200 meanwhile) and TCP; the call's sessions then end. T1 is 50 ms here, so the BYE comes after 3.2 s.
 */
class MissingAckTestCase {

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
    void theContainerEndsTheDialogWithABye(String transport) throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2).withTimerT1(Duration.ofMillis(50)));
        this.container.deploy(SipApplicationDefinition.builder("answering", Map.of("answer", new Answering(this.events))).mainServlet("answer")
                .listeners(List.of(new Listener(this.events))).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("answering")).build());

        Sipp.Result caller = Sipp.run("no-ack-uac.xml", transport, port);

        List<String> seen = this.drain();
        assertTrue(caller.passed(), seen + "\n" + caller.output());
        assertEquals(List.of("INVITE", "noAckReceived 200 INVITE", "destroyed"), seen,
                "the application hears of the missing ACK; the BYE's answer is the container's; the finished call leaves nothing behind");
        assertFalse(caller.output().contains("SIP/2.0 500"), caller.output());
    }

    /**
     * A caller that never acknowledges the 486 the application refused its call with: once the INVITE transaction's Timer
     * H ends it (64*T1, 32 s with the stack's T1), the application's SipErrorListener hears of it (JSR 289: noAckReceived
     * is for any final response), although its call, and maybe its sessions, are over.
     */
    @org.junit.jupiter.api.Test
    void aRefusalWithoutAckIsToldToTheApplication() throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("refusing", Map.of("answer", new Answering(this.events))).mainServlet("answer")
                .listeners(List.of(new Listener(this.events))).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("refusing")).build());

        Sipp.Result caller = Sipp.run("busy-no-ack-uac.xml", "u1", port);

        assertTrue(caller.passed(), caller.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        String event = this.events.poll(45, TimeUnit.SECONDS);
        while ("destroyed".equals(event)) {
            event = this.events.poll(45, TimeUnit.SECONDS); // the refused call's sessions may end first
        }
        assertEquals("noAckReceived 486 INVITE", event, "the application hears of the 486 no ACK answered");
    }

    private List<String> drain() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (String event = this.events.poll(10, TimeUnit.SECONDS); event != null; event = this.events.poll(500, TimeUnit.MILLISECONDS)) {
            seen.add(event);
            if (event.equals("destroyed")) {
                break;
            }
        }
        return seen;
    }

    /** Answers every call at once. */
    static final class Answering extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Answering(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            this.events.add("INVITE");
            if (request.getApplicationSession().getApplicationName().equals("refusing")) {
                request.createResponse(SipServletResponse.SC_BUSY_HERE).send();
                return;
            }
            SipServletResponse ok = request.createResponse(200);
            ok.setContent("v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", "application/sdp");
            ok.send();
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.events.add("ACK");
        }

        @Override
        protected void doResponse(SipServletResponse response) {
            this.events.add("response " + response.getStatus() + " " + response.getMethod());
        }
    }

    /** Hears of the missing ACK and of the end of the call. */
    static final class Listener implements SipErrorListener, SipApplicationSessionListener {
        private final BlockingQueue<String> events;

        Listener(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        public void noAckReceived(SipErrorEvent event) {
            this.events.add("noAckReceived " + event.getResponse().getStatus() + " " + event.getRequest().getMethod());
        }

        @Override
        public void noPrackReceived(SipErrorEvent event) {
            this.events.add("noPrackReceived");
        }

        @Override
        public void sessionCreated(SipApplicationSessionEvent event) {
        }

        @Override
        public void sessionDestroyed(SipApplicationSessionEvent event) {
            this.events.add("destroyed");
        }

        @Override
        public void sessionExpired(SipApplicationSessionEvent event) {
        }

        @Override
        public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
        }
    }
}
