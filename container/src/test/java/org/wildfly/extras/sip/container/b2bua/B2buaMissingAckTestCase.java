package org.wildfly.extras.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildfly.extras.sip.container.SipApplicationDefinition;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.samples.CallBridge;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The sample B2BUA ({@link CallBridge}) whose caller never acknowledges the answer: after 64*T1 (T1 is 50 ms here) the
 * container sends the caller a BYE, and the bridge, told by noAckReceived, acknowledges the callee's 200 and hangs its
 * leg up; both legs end, and so does the call's application session.
 */
class B2buaMissingAckTestCase {

    private SipContainer container;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "u1", "t1" })
    void bothLegsEnd(String transport) throws Exception {
        Sipp.Server callee = Sipp.startServer("b2bua-no-ack-uas.xml", transport);
        int port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", port),
                new ListeningPoint(Transport.TCP, "127.0.0.1", port)), null, -1, 2).withTimerT1(Duration.ofMillis(50)));
        CountDownLatch ended = new CountDownLatch(1);
        CallBridge bridge = new CallBridge();
        String target = "sip:callee@127.0.0.1:" + callee.port() + (transport.equals("t1") ? ";transport=tcp" : "");
        this.container.deploy(SipApplicationDefinition.builder("bridge", Map.of("bridge", bridge)).mainServlet("bridge")
                .listeners(List.of(bridge, new SipApplicationSessionListener() {
                    @Override
                    public void sessionCreated(SipApplicationSessionEvent event) {
                    }

                    @Override
                    public void sessionDestroyed(SipApplicationSessionEvent event) {
                        ended.countDown();
                    }

                    @Override
                    public void sessionExpired(SipApplicationSessionEvent event) {
                    }

                    @Override
                    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
                    }
                })).sessionTimeoutMinutes(3).servletContext(TestServletContext.create("bridge", Map.of("bridge.target", target))).build());

        Sipp.Result caller = Sipp.run("no-ack-uac.xml", transport, port);
        Sipp.Result answered = callee.await();

        assertTrue(caller.passed(), "the caller gets the container's BYE\n" + caller.output());
        assertTrue(answered.passed(), "the callee gets its ACK, then the bridge's BYE\n" + answered.output());
        assertTrue(ended.await(10, TimeUnit.SECONDS), "both legs ended: the call's application session is gone");
        assertEquals(0, this.container.statistics("bridge").sipSessions());
    }
}
