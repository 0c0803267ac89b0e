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
 * {@code SipSession.createRequest} on a session that has no dialog yet and has sent nothing (JSR 289 §6.2: a UAC session
 * in its initial state): the request starts the session's dialog with the session's parties, Call-ID and From tag. Its
 * call then runs as any other: 200, ACK, BYE.
 */
class RequestWithoutDialogTestCase {

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
    void sessionThatSentNothingStartsItsDialog(String transport) throws Exception {
        Sipp.Server uas = Sipp.startServer("uas-answer.xml", transport);
        int port = FreePorts.udpAndTcp();
        String target = "<sip:service@127.0.0.1:" + uas.port() + (transport.equals("t1") ? ";transport=tcp" : "") + ">";
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        SipServletListener starter = event -> this.call(event, target);
        this.container.deploy(SipApplicationDefinition.builder("no-dialog", Map.of("main", new Caller(this.events))).mainServlet("main")
                .listeners(List.of(starter)).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("no-dialog")).build());
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("created: same Call-ID true, same From true, CSeq 1", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 INVITE", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200 BYE", this.events.poll(5, TimeUnit.SECONDS));
    }

    private void call(SipServletContextEvent event, String target) {
        SipFactory factory = (SipFactory) event.getServletContext().getAttribute(SipServlet.SIP_FACTORY);
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest unsent = factory.createRequest(session, "INVITE", "sip:caller@example.com", target);
            SipServletRequest invite = unsent.getSession().createRequest("INVITE");
            this.events.add("created: same Call-ID " + invite.getCallId().equals(unsent.getCallId()) + ", same From " + invite.getFrom().equals(unsent.getFrom())
                    + ", CSeq " + invite.getHeader("CSeq").split(" ")[0]);
            invite.send();
        } catch (IOException | ServletException | RuntimeException e) {
            this.events.add("failed " + e);
        }
    }

    /** Acknowledges the 200 and hangs up. */
    static final class Caller extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;

        Caller(BlockingQueue<String> events) {
            this.events = events;
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
