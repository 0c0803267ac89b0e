package org.wildfly.extras.sip.container.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentException;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * An application described by sip.xml and annotations runs: servlet-mapping rules choose the servlet of each initial
 * request, and its @SipApplicationKey puts a sender's messages in one application session.
 */
class DeployedApplicationTestCase {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private SipContainer container;
    private ServletContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        EVENTS.clear();
        SipDeploymentInfo info;
        try (InputStream descriptor = DeployedApplicationTestCase.class.getResourceAsStream("/deployed/sip.xml")) {
            info = SipXmlParser.parse(descriptor, "sip.xml");
        }
        info = SipAnnotations.merge(info, List.of(ChatServlet.class)).resolve();
        this.context = TestServletContext.create("app");
        SipApplicationDefinition definition = SipDeployments.definition(info, DeployedApplicationTestCase.class.getClassLoader(), this.context);
        assertEquals(5, definition.sessionTimeoutMinutes());
        assertEquals(7, definition.proxyTimeoutSeconds(), "proxy-config/proxy-timeout of sip.xml");
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2));
        this.container.deploy(definition);
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void mappingRulesChooseTheServlet() throws Exception {
        assertEquals("SIP/2.0 200 OK", this.send("OPTIONS", "alice", "options-1"));
        assertTrue(EVENTS.poll(5, TimeUnit.SECONDS).startsWith("options servlet "));
        assertEquals("init-param greeting=hello", EVENTS.poll(5, TimeUnit.SECONDS), "sip.xml's init-param reaches the servlet's ServletConfig");
        assertTrue(this.send("INVITE", "alice", "invite-1").startsWith("SIP/2.0 404 "), "no rule matches an INVITE");
    }

    @Test
    void applicationKeyJoinsTheSendersSession() throws Exception {
        assertEquals("SIP/2.0 200 OK", this.send("MESSAGE", "bob", "message-1"));
        String first = EVENTS.poll(5, TimeUnit.SECONDS);
        assertEquals("SIP/2.0 200 OK", this.send("MESSAGE", "bob", "message-2"));
        String second = EVENTS.poll(5, TimeUnit.SECONDS);
        assertEquals("SIP/2.0 200 OK", this.send("MESSAGE", "carol", "message-3"));
        String third = EVENTS.poll(5, TimeUnit.SECONDS);
        String bobsSession = first.substring(first.lastIndexOf(' ') + 1);
        assertEquals("chat 1 " + bobsSession, first);
        assertEquals("chat 2 " + bobsSession, second, "the same sender's second message, in the same session");
        assertTrue(third.startsWith("chat 1 ") && !third.endsWith(bobsSession), third);
        SipSessionsUtil util = (SipSessionsUtil) this.context.getAttribute(SipServlet.SIP_SESSIONS_UTIL);
        SipApplicationSession byKey = util.getApplicationSessionByKey("bob", false);
        assertNotNull(byKey);
        assertEquals(bobsSession, byKey.getId());
        assertEquals(2, byKey.getAttribute("messages"));
        assertEquals(byKey, util.getApplicationSessionById(bobsSession));
    }

    @Test
    void encodedUriJoinsItsApplicationSession() throws Exception {
        assertEquals("SIP/2.0 200 OK", this.send("MESSAGE", "dave", "message-4"));
        EVENTS.poll(5, TimeUnit.SECONDS);
        SipSessionsUtil util = (SipSessionsUtil) this.context.getAttribute(SipServlet.SIP_SESSIONS_UTIL);
        SipApplicationSession daves = util.getApplicationSessionByKey("dave", false);
        javax.servlet.sip.SipURI uri = ((javax.servlet.sip.SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY)).createSipURI("service", "127.0.0.1");
        uri.setPort(this.port);
        daves.encodeURI(uri);
        assertEquals(daves.getId(), uri.getParameter("sipappsessionid"));
        assertEquals("SIP/2.0 200 OK", this.send("OPTIONS", "erin", "options-encoded", uri.toString()));
        assertEquals("options servlet " + daves.getId(), EVENTS.poll(5, TimeUnit.SECONDS), "the request joined dave's session");
        EVENTS.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void missingClassIsNamed() throws Exception {
        SipDeploymentInfo info = new SipDeploymentInfo().setApplicationName("broken");
        info.addServlet(new org.wildfly.extras.sip.container.deployment.ServletInfo("ghost", "com.example.Ghost"));
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> SipDeployments.definition(info.resolve(), getClass().getClassLoader(), this.context));
        assertTrue(e.getMessage().contains("com.example.Ghost"), e.getMessage());
    }

    private String send(String method, String user, String callId) throws Exception {
        return this.send(method, user, callId, "sip:service@127.0.0.1:" + this.port);
    }

    private String send(String method, String user, String callId, String requestUri) throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send(method + " " + requestUri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bK" + callId + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:service@127.0.0.1>\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=" + callId + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: 1 " + method + "\r\nContact: <sip:" + user + "@127.0.0.1:" + probe.port() + ">\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = probe.receive();
            while (answer != null && answer.startsWith("SIP/2.0 1")) {
                answer = probe.receive();
            }
            assertNotNull(answer, method + " got no final answer");
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}
