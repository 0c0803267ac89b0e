package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The container's default session timeout is the timeout of applications whose sip.xml sets none; an application's own
 * timeout wins; 0 means its sessions never expire.
 */
class DefaultSessionTimeoutTestCase {

    private static final Pattern EXPIRES_IN = Pattern.compile("X-Expires-In-Seconds: (\\S+)");

    private SipContainer container;

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void applicationWithoutTimeoutGetsTheContainersDefault() throws Exception {
        SipDeploymentInfo info = SipXmlParser.parse(new ByteArrayInputStream("""
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                    <app-name>no-timeout</app-name>
                    <servlet-selection><main-servlet>expiry</main-servlet></servlet-selection>
                    <servlet>
                        <javaee:servlet-name>expiry</javaee:servlet-name>
                        <javaee:servlet-class>%s</javaee:servlet-class>
                    </servlet>
                </sip-app>
                """.formatted(ExpiryServlet.class.getName()).getBytes(StandardCharsets.UTF_8)), "sip.xml").resolve();
        SipApplicationDefinition definition = SipDeployments.definition(info, ExpiryServlet.class.getClassLoader(), TestServletContext.create("no-timeout"));
        assertNull(definition.sessionTimeoutMinutes(), "the application sets none");

        String seconds = this.expiresIn(1, definition);
        assertTrue(Long.parseLong(seconds) > 50 && Long.parseLong(seconds) <= 60, "the container's 1 minute, not " + seconds + " s");
    }

    @Test
    void applicationsOwnTimeoutWins() throws Exception {
        String seconds = this.expiresIn(1, this.application(5));
        assertTrue(Long.parseLong(seconds) > 290 && Long.parseLong(seconds) <= 300, "the application's 5 minutes, not " + seconds + " s");
    }

    @Test
    void zeroDefaultNeverExpires() throws Exception {
        assertEquals("never", this.expiresIn(0, this.application(null)));
    }

    private SipApplicationDefinition application(Integer sessionTimeoutMinutes) {
        return SipApplicationDefinition.builder("expiry", Map.of("expiry", new ExpiryServlet())).mainServlet("expiry")
                .sessionTimeoutMinutes(sessionTimeoutMinutes).servletContext(TestServletContext.create("expiry")).build();
    }

    /** Deploys the application on a container with the given default and asks it, over SIP, when its new session expires. */
    private String expiresIn(int defaultSessionTimeoutMinutes, SipApplicationDefinition definition) throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2, null,
                defaultSessionTimeoutMinutes));
        this.container.deploy(definition);
        Sipp.Result result = Sipp.run("message-uac.xml", "u1", port);
        assertTrue(result.passed(), result.output());
        Matcher expires = EXPIRES_IN.matcher(result.output());
        assertTrue(expires.find(), result.output());
        return expires.group(1);
    }

    /** Answers MESSAGE with the seconds its application session has left. */
    public static final class ExpiryServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doMessage(SipServletRequest request) throws IOException {
            long expiration = request.getApplicationSession().getExpirationTime();
            SipServletResponse response = request.createResponse(200);
            response.setHeader("X-Expires-In-Seconds", (expiration > 0) ? Long.toString((expiration - System.currentTimeMillis()) / 1000) : "never");
            response.send();
        }
    }
}
