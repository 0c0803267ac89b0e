package org.wildfly.extras.sip.container.converged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * HTTP sessions of a converged application, tied to SIP application sessions: both ways, by encoded URL, and encoded
 * into URLs. The web container's sessions are stand-ins that keep attributes.
 */
class ConvergedHttpSessionTestCase {

    private final Map<String, HttpSession> webSessions = new ConcurrentHashMap<>();
    private SipContainer container;
    private ServletContext context;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.context = TestServletContext.create("converged");
        this.container.deploy(SipApplicationDefinition.builder("converged", Map.of("sip", new SipServlet() {
            private static final long serialVersionUID = 1L;
        })).mainServlet("sip").sessionTimeoutMinutes(3).servletContext(this.context).httpSessions(this.webSessions::get).build());
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void anHttpSessionIsTiedToOneApplicationSessionBothWays() {
        ConvergedHttpSession session = this.converged(this.webSession("w1"), null);
        SipApplicationSession application = session.getApplicationSession();
        assertEquals(application.getId(), this.converged(this.webSession("w1"), null).getApplicationSession().getId(), "found again, not created again");
        List<String> listed = new ArrayList<>();
        application.getSessions("HTTP").forEachRemaining(http -> listed.add(((HttpSession) http).getId()));
        assertEquals(List.of("w1"), listed);
        assertTrue(application.getSession("w1", SipApplicationSession.Protocol.HTTP) instanceof ConvergedHttpSession);
        assertNotEquals(application.getId(), this.converged(this.webSession("w2"), null).getApplicationSession().getId(), "another HTTP session, another application session");
    }

    @Test
    void anEncodedUrlJoinsItsApplicationSession() {
        SipApplicationSession existing = ((SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY)).createApplicationSession();
        ConvergedHttpSession session = this.converged(this.webSession("w3"), existing.getId());
        assertEquals(existing.getId(), session.getApplicationSession().getId());
    }

    @Test
    void urlsCarryTheHttpSessionId() {
        ConvergedHttpSession session = this.converged(this.webSession("w4"), null);
        assertEquals("http://example.com/app/page;jsessionid=w4?x=1", session.encodeURL("http://example.com/app/page?x=1"));
        assertEquals("https://127.0.0.1:8443/converged/status;jsessionid=w4", session.encodeURL("/status", "https"));
        assertThrows(IllegalArgumentException.class, () -> session.encodeURL("/status", "ftp"));
    }

    private ConvergedHttpSession converged(HttpSession web, String requested) {
        return this.container.convergedSession("converged", web, "127.0.0.1:8443", requested);
    }

    private HttpSession webSession(String id) {
        return this.webSessions.computeIfAbsent(id, key -> {
            Map<String, Object> attributes = new ConcurrentHashMap<>();
            ServletContext web = TestServletContext.create("converged");
            return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { HttpSession.class }, (proxy, method, arguments) -> switch (method.getName()) {
                case "getId" -> key;
                case "getAttribute" -> attributes.get(arguments[0]);
                case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                case "getServletContext" -> web;
                case "hashCode" -> key.hashCode();
                case "equals" -> proxy == arguments[0];
                default -> null;
            });
        });
    }
}
