package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * A UAS application in the container, called by sipp over UDP and TCP: a call with its dialog, a CANCEL before
 * the answer, OPTIONS and MESSAGE; the session keeps what the application stores between requests of a call.
 */
class UasCallTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws IOException, ServletException {
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port), new ListeningPoint(Transport.TCP, "127.0.0.1", this.port)), null, -1, 4));
        this.container.deploy(SipApplicationDefinition.builder("uas", Map.of("uas", new UasServlet(this.events))).mainServlet("uas")
                .listeners(List.of(new SipApplicationSessionListener() {
            @Override
            public void sessionCreated(SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionDestroyed(SipApplicationSessionEvent event) {
                UasCallTestCase.this.events.add("destroyed");
            }

            @Override
            public void sessionExpired(SipApplicationSessionEvent event) {
            }

            @Override
            public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
            }
        })).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("uas")).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void callWithDialog(String transport) throws Exception {
        Sipp.Result result = Sipp.run("uas-call-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("ACK 2", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("BYE 3", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS), "the finished call's sessions are invalidated");
    }

    /** The same ACK twice (the UAC re-sends it when our 2xx crossed it): the application sees it once. */
    @Test
    void anAckSentAgainReachesTheApplicationOnce() throws Exception {
        Sipp.Result result = Sipp.run("uas-ack-twice-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("ACK 2", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("BYE 3", this.events.poll(5, TimeUnit.SECONDS));
    }

    /**
     * The same INFO twice, by two branches (a balancer gave it to another node while the first was paused, and both read
     * it): the second gets the first's answer and the application sees one INFO.
     */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void aRequestThatComesAgainByAnotherPathIsHandledOnce(String transport) throws Exception {
        Sipp.Result result = Sipp.run("uas-info-twice-uac.xml", transport, this.port);
        assertTrue(result.passed(), "both INFOs answered 200, and the BYE is the application's fourth request (X-Request-Count: 4)\n" + result.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("ACK 2", this.events.poll(5, TimeUnit.SECONDS));
        assertTrue(this.events.poll(5, TimeUnit.SECONDS).startsWith("INFO 3"));
        assertEquals("BYE 4", this.events.poll(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void cancelBeforeTheAnswer(String transport) throws Exception {
        Sipp.Result result = Sipp.run("cancel-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("CANCEL", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void optionsIsAnsweredByTheServlet(String transport) throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("OPTIONS", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS), "a finished OPTIONS leaves no session behind");
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void reInviteRefreshesTheDialog(String transport) throws Exception {
        Sipp.Result result = Sipp.run("reinvite-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("ACK 2", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("re-INVITE 3", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("ACK 4", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("INFO 5 application/dtmf-relay", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("UPDATE 6", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("BYE 7", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void registerIsAnsweredWithItsBinding(String transport) throws Exception {
        Sipp.Result result = Sipp.run("register-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("REGISTER 3600", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void messageBodyReachesTheServlet(String transport) throws Exception {
        Sipp.Result result = Sipp.run("message-uac.xml", transport, this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("MESSAGE text/plain Hello from sipp", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("destroyed", this.events.poll(5, TimeUnit.SECONDS));
    }

    /** Answers calls, counting the requests of each call in its SIP session. */
    static final class UasServlet extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        UasServlet(BlockingQueue<String> events) {
            this.events = events;
        }

        @Override
        protected void doInvite(SipServletRequest request) throws ServletException, IOException {
            if (!request.isInitial()) {
                int count = this.count(request);
                SipServletResponse ok = request.createResponse(200);
                ok.setHeader("X-Reinvite", "yes");
                ok.send();
                this.events.add("re-INVITE " + count);
                return;
            }
            request.getSession().setAttribute("count", 1);
            this.events.add("INVITE");
            request.createResponse(180).send();
            if (request.getHeader("X-Answer") == null) {
                SipServletResponse ok = request.createResponse(200);
                ok.setContent("v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n", "application/sdp");
                ok.send();
            }
        }

        @Override
        protected void doAck(SipServletRequest request) {
            this.events.add("ACK " + this.count(request));
        }

        @Override
        protected void doBye(SipServletRequest request) throws IOException {
            int count = this.count(request);
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("X-Request-Count", Integer.toString(count));
            ok.send();
            this.events.add("BYE " + count);
        }

        @Override
        protected void doInfo(SipServletRequest request) throws IOException {
            int count = this.count(request);
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("X-Request-Count", Integer.toString(count));
            ok.send();
            this.events.add("INFO " + count + " " + request.getContentType());
        }

        @Override
        protected void doUpdate(SipServletRequest request) throws IOException {
            int count = this.count(request);
            request.createResponse(200).send();
            this.events.add("UPDATE " + count);
        }

        @Override
        protected void doRegister(SipServletRequest request) throws IOException, ServletException {
            SipServletResponse ok = request.createResponse(200);
            ok.setAddressHeader("Contact", request.getAddressHeader("Contact")); // a registrar echoes the binding
            ok.send();
            this.events.add("REGISTER " + request.getExpires());
        }

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            this.events.add("MESSAGE " + request.getContentType() + " " + ((String) request.getContent()).trim());
            request.createResponse(200).send();
        }

        @Override
        protected void doCancel(SipServletRequest request) {
            this.events.add("CANCEL");
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            this.events.add("OPTIONS");
            request.createResponse(200).send();
        }

        private int count(SipServletRequest request) {
            int count = (Integer) request.getSession().getAttribute("count") + 1;
            request.getSession().setAttribute("count", count);
            return count;
        }
    }
}
