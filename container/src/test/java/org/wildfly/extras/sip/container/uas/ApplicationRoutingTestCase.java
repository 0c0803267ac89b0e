package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.router.DefaultApplicationRouter;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * The default application router picks the application of each initial request, and tells it its region and subscriber.
 */
class ApplicationRoutingTestCase {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private SipContainer container;
    private int port;

    @BeforeEach
    void start() throws IOException, ServletException {
        Properties chains = new Properties();
        chains.load(new StringReader("OPTIONS: (\"second\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"));
        DefaultApplicationRouter router = new DefaultApplicationRouter();
        router.init(chains);
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2, router));
        for (String name : List.of("first", "second")) {
            this.container.deploy(SipApplicationDefinition.builder(name, Map.of("main", new Recorder(name, this.events))).mainServlet("main")
                    .sessionTimeoutMinutes(3).servletContext(TestServletContext.create("routing")).build());
        }
    }

    @AfterEach
    void stop() {
        this.container.close();
    }

    @Test
    void chainSelectsTheApplication() throws Exception {
        Sipp.Result result = Sipp.run("options-uac.xml", "u1", this.port);
        assertTrue(result.passed(), result.output());
        assertEquals("second OPTIONS TERMINATING sip:service@127.0.0.1:" + this.port, this.events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void requestWithoutApplicationGets404() throws Exception {
        try (UdpProbe probe = new UdpProbe()) {
            probe.send("MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.port() + ";branch=z9hG4bKnoapp\r\nMax-Forwards: 70\r\n"
                    + "To: <sip:bob@127.0.0.1>\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nCall-ID: no-application\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n", this.port);
            String answer = probe.receive();
            assertNotNull(answer);
            assertTrue(answer.startsWith("SIP/2.0 404 "), answer);
        }
        assertNull(this.events.poll(200, TimeUnit.MILLISECONDS), "no application saw it");
    }

    /** Records which application got which request, with the routing facts it was told. */
    static final class Recorder extends SipServlet {
        private static final long serialVersionUID = 1L;
        private final String application;
        private final transient BlockingQueue<String> events;

        Recorder(String application, BlockingQueue<String> events) {
            this.application = application;
            this.events = events;
        }

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            this.events.add(this.application + " OPTIONS " + request.getRegion().getType() + " " + request.getSubscriberURI());
            request.createResponse(200).send();
        }
    }
}
