package org.wildfly.extras.sip.container.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.RuntimeStatistics;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The figures an operator reads: per application (servlets, live sessions, messages in and out) and per listening
 * point (messages received and sent).
 */
class RuntimeStatisticsTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void countsFollowTheTraffic() throws Exception {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("answering", Map.of("answer", new Answering())).mainServlet("answer")
                .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("answering")).build());
        RuntimeStatistics.Application idle = this.container.statistics("answering");
        assertEquals(new RuntimeStatistics.Application("answering", List.of("answer"), 0, 0, 0, 0), idle);
        for (int i = 0; i < 3; i++) {
            assertTrue(Sipp.run("options-uac.xml", "u1", port).passed());
        }
        RuntimeStatistics.Application after = this.container.statistics("answering");
        assertEquals(3, after.messagesIn(), "three OPTIONS reached the servlet");
        assertEquals(3, after.messagesOut(), "three 200 OK left");
        assertEquals(0, after.applicationSessions(), "a finished OPTIONS leaves no session behind");
        RuntimeStatistics.Connector udp = this.container.connectorStatistics().stream().filter(c -> c.listeningPoint().transport() == Transport.UDP).findFirst().orElseThrow();
        RuntimeStatistics.Connector tcp = this.container.connectorStatistics().stream().filter(c -> c.listeningPoint().transport() == Transport.TCP).findFirst().orElseThrow();
        assertEquals(3, udp.messagesReceived());
        assertEquals(3, udp.messagesSent());
        assertEquals(0, tcp.messagesReceived());
        assertNull(this.container.statistics("absent"));
    }

    /** Answers every request with 200. */
    static final class Answering extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doRequest(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }
    }
}
