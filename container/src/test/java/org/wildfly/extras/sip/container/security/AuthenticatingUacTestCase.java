package org.wildfly.extras.sip.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.AuthInfo;
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
 * An application that authenticates as a UAC (JSR 289 §22.5, {@code addAuthHeader}): its MESSAGE is challenged by a sipp
 * UAS, which checks the digest of the MESSAGE the application sends again.
 */
class AuthenticatingUacTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "authInfo", "usernameAndPassword" })
    void challengedMessageIsSentAgainWithCredentials(String form) throws Exception {
        Sipp.Server uas = Sipp.startServer("auth-challenging-uas.xml", "u1");
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        Sender sender = new Sender(this.events, form.equals("authInfo"));
        this.container.deploy(SipApplicationDefinition.builder("uac", Map.of("sender", sender)).mainServlet("sender")
                .listeners(List.of((SipServletListener) event -> sender.send(event, "<sip:service@127.0.0.1:" + uas.port() + ">")))
                .servletContext(TestServletContext.create("uac")).build());
        Sipp.Result result = uas.await();
        assertTrue(result.passed(), this.events + "\n" + result.output());
        assertEquals("401", this.events.poll(5, TimeUnit.SECONDS));
        assertEquals("200", this.events.poll(5, TimeUnit.SECONDS), "sipp found the credentials right");
        String messages = uas.messagesSoFar();
        assertTrue(messages.contains("CSeq: 2 MESSAGE") && messages.contains("Authorization: Digest username=\"alice\"") && messages.contains("qop=auth"), messages);
    }

    /** Sends a MESSAGE and, challenged, sends it again with credentials. */
    static final class Sender extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final transient BlockingQueue<String> events;
        private final boolean withAuthInfo;
        private transient volatile SipFactory factory;

        Sender(BlockingQueue<String> events, boolean withAuthInfo) {
            this.events = events;
            this.withAuthInfo = withAuthInfo;
        }

        void send(SipServletContextEvent event, String target) {
            this.factory = (SipFactory) event.getServletContext().getAttribute(SIP_FACTORY);
            try {
                SipServletRequest message = this.factory.createRequest(this.factory.createApplicationSession(), "MESSAGE", "sip:alice@example.com", target);
                message.setContent("hello", "text/plain");
                message.send();
            } catch (IOException | javax.servlet.sip.ServletParseException e) {
                this.events.add("failed " + e);
            }
        }

        @Override
        protected void doErrorResponse(SipServletResponse response) throws IOException {
            this.events.add(Integer.toString(response.getStatus()));
            if (response.getStatus() == 401) {
                SipServletRequest again = response.getSession().createRequest("MESSAGE");
                again.setContent("hello", "text/plain");
                if (this.withAuthInfo) {
                    AuthInfo info = this.factory.createAuthInfo();
                    info.addAuthInfo(401, "sipp.test", "alice", "secret");
                    again.addAuthHeader(response, info);
                } else {
                    again.addAuthHeader(response, "alice", "secret");
                }
                again.send();
            }
        }

        @Override
        protected void doSuccessResponse(SipServletResponse response) {
            this.events.add(Integer.toString(response.getStatus()));
        }
    }
}
