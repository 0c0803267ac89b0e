package org.wildfly.extras.sip.container.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * A servlet class that is also declared a listener ({@code @SipListener}) is one object: the servlet the container
 * initialised gets the listener events, and the {@code SipServletListener}'s event names it.
 */
class ServletAsListenerTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void listenerEventsReachTheInitialisedServlet() throws Exception {
        SelfListeningServlet.EVENTS.clear();
        var info = SipAnnotations.merge(null, List.of(SelfListeningServlet.class));
        var definition = SipDeployments.definition(info, getClass().getClassLoader(), TestServletContext.create("self-listening"));
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(definition);
        assertEquals("servletInitialized: the event's servlet is this one: true, config: true", SelfListeningServlet.EVENTS.poll(5, TimeUnit.SECONDS));

        try (UdpProbe probe = new UdpProbe()) {
            probe.send("MESSAGE sip:service@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bKself-1\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:service@127.0.0.1>\r\nFrom: <sip:alice@127.0.0.1>;tag=self-1\r\nCall-ID: self-1\r\n"
                    + "CSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n", port);
            String answer = probe.receive();
            assertNotNull(answer);
            assertEquals("SIP/2.0 200 OK", answer.substring(0, answer.indexOf("\r\n")));
        }
        assertEquals("sessionCreated: initialised", SelfListeningServlet.EVENTS.poll(5, TimeUnit.SECONDS), "the session listener is the servlet that init() ran on");
        assertEquals("doMessage: initialised", SelfListeningServlet.EVENTS.poll(5, TimeUnit.SECONDS));
    }
}
