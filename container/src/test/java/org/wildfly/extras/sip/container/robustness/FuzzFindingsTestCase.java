package org.wildfly.extras.sip.container.robustness;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;
import org.wildfly.extras.sip.container.transport.UdpProbe;

/**
 * What the fuzz tests found in the parser, sent over the wire to a running container: each datagram gets its 400, and
 * the node answers the next request. Before the fixes, the first filled the heap in seconds (the stack's parser appended
 * to a Via comment left open for ever) and the second logged a stack trace with the datagram as a list of numbers.
 */
class FuzzFindingsTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void aViaCommentLeftOpenGetsItsBadRequest() throws Exception {
        this.sendAndExpectBadRequest("Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK776asd(ds;rport\\\r\n", "");
    }

    @Test
    void anEmptyMimeVersionGetsItsBadRequest() throws Exception {
        this.sendAndExpectBadRequest("Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKmime\r\n", "MIME-Version: \r\n");
    }

    private void sendAndExpectBadRequest(String via, String more) throws Exception {
        int port = this.start();
        try (UdpProbe probe = new UdpProbe()) {
            probe.send("OPTIONS sip:service@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + via.formatted(probe.port())
                    + "From: <sip:fuzz@127.0.0.1>;tag=f\r\n"
                    + "To: <sip:service@127.0.0.1>\r\n"
                    + "Call-ID: fuzz-finding\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + more
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n", port);
            String answer = probe.receive();
            assertNotNull(answer, "an answer to the malformed request");
            assertTrue(answer.startsWith("SIP/2.0 400 "), answer);
        }
        assertTrue(Sipp.run("options-uac.xml", "u1", port).passed(), "the node answers the next request");
    }

    private int start() throws IOException, ServletException {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("options", Map.of("options", new OptionsServlet())).mainServlet("options")
                .servletContext(TestServletContext.create("options")).build());
        return port;
    }

    /** Answers OPTIONS. */
    static final class OptionsServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doOptions(SipServletRequest request) throws IOException {
            request.createResponse(200).send();
        }
    }
}
