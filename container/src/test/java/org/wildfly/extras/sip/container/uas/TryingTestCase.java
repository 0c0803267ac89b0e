package org.wildfly.extras.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * An application that takes longer than a balancer's timer to answer an INVITE (a node just started, a GC pause, a
 * busy node): the container says 100 Trying at once (RFC 3261 §8.2.6.1, §17.2.1), so that the caller, and a
 * balancer in front, keep waiting for the answer instead of giving the node up.
 */
class TryingTestCase {

    private static final long ANSWER_AFTER_MILLIS = 1500;

    private SipContainer container;
    private Kamailio balancer;

    @AfterEach
    void stop() throws InterruptedException {
        if (this.balancer != null) {
            this.balancer.close();
        }
        this.container.close();
    }

    /**
     * The 100 comes within 150 ms, under RFC 3261's 200 ms; JAIN-SIP's own 100, sent by its timer thread only after
     * 200 ms, is too late for that and, on a busy or cold node, later still.
     */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void slowAnswerIsPrecededByTrying(String transport) throws Exception {
        int port = this.start();
        assertTrue(Sipp.run("options-uac.xml", transport, port).passed(), "warm-up: the container answers"); // the first message's class loading is not the point
        Sipp.Result result = Sipp.run("slow-answer-uac.xml", transport, port);
        assertTrue(result.passed(), result.output());
    }

    /**
     * The shipped Kamailio configuration waits for a node's first answer to an INVITE; the final answer comes later, and gets
     * through, over UDP and over TCP (a call that reaches the balancer over TCP goes on to the node over TCP).
     */
    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void slowAnswerReachesTheCallerThroughTheBalancer(String transport) throws Exception {
        int port = this.start();
        int balancerPort = FreePorts.udpAndTcp();
        this.balancer = Kamailio.start(balancerPort, List.of(port));
        Sipp.Result result = Sipp.run("slow-answer-uac.xml", transport, balancerPort);
        assertTrue(result.passed(), result.output() + "\n" + this.balancer.log());
        // the node's Contact names the transport the INVITE reached it over
        assertEquals(transport.equals("t1"), result.output().contains(";transport=tcp>"), result.output());
    }

    private int start() throws IOException, ServletException {
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port), new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2));
        this.container.deploy(SipApplicationDefinition.builder("slow", Map.of("slow", new SlowServlet())).mainServlet("slow").sessionTimeoutMinutes(3)
                .servletContext(TestServletContext.create("slow")).build());
        return port;
    }

    /** Answers an INVITE only after a while, as a cold or paused node would; answers anything else at once. */
    static final class SlowServlet extends SipServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doInvite(SipServletRequest request) throws IOException {
            long started = System.nanoTime();
            try {
                Thread.sleep(ANSWER_AFTER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SipServletResponse response = request.createResponse(200);
            response.setHeader("X-Answered-After", Long.toString((System.nanoTime() - started) / 1_000_000));
            response.send();
        }

        @Override
        protected void doRequest(SipServletRequest request) throws ServletException, IOException {
            if (request.getMethod().equals("BYE") || request.getMethod().equals("OPTIONS")) {
                request.createResponse(200).send();
            } else {
                super.doRequest(request);
            }
        }
    }
}
