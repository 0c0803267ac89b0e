package org.wildfly.extras.sip.samples.clicktocall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.SipContainer;
import org.wildfly.extras.sip.container.SipDeployments;
import org.wildfly.extras.sip.container.TestServletContext;
import org.wildfly.extras.sip.container.deployment.SipAnnotations;
import org.wildfly.extras.sip.container.deployment.SipDeploymentInfo;
import org.wildfly.extras.sip.container.deployment.SipXmlParser;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.ListeningPoint;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.container.transport.Transport;

/**
 * The sample runs in the container as its descriptor says, with sipp's built-in scenarios as the phones: an incoming
 * call is bridged, and a click-to-call rings the caller, then the callee, and joins them.
 */
class ClickToCallTestCase {

    private SipContainer container;
    private ServletContext context;
    private int port;

    @AfterEach
    void stop() {
        if (this.container != null) {
            this.container.close();
        }
    }

    @Test
    void incomingCallIsBridgedToTheTarget() throws Exception {
        Sipp.Server target = Sipp.startBuiltIn("uas", "u1");
        this.deploy(Map.of("bridge.target", "sip:service@127.0.0.1:" + target.port()));
        Sipp.Result caller = Sipp.runBuiltIn("uac", "u1", this.port);
        assertTrue(caller.passed(), caller.output());
        Sipp.Result answered = target.await();
        assertTrue(answered.passed(), answered.output());
    }

    /**
     * The caller never acknowledges the callee's answer: after 64*T1 (T1 is 50 ms here) the container hangs up the
     * caller, and the bridge, as the application's SipErrorListener, acknowledges and hangs up the callee.
     */
    @Test
    void aCallerThatNeverAcknowledgesIsHungUpOnBothLegs() throws Exception {
        Sipp.Server target = Sipp.startServer("b2bua-no-ack-uas.xml", "u1");
        this.deploy(Map.of("bridge.target", "sip:service@127.0.0.1:" + target.port()), Duration.ofMillis(50));
        Sipp.Result caller = Sipp.run("no-ack-uac.xml", "u1", this.port);
        assertTrue(caller.passed(), "the caller gets the container's BYE\n" + caller.output());
        Sipp.Result answered = target.await();
        assertTrue(answered.passed(), "the callee gets the ACK of its 200, then the bridge's BYE\n" + answered.output());
    }

    @Test
    void clickToCallJoinsCallerAndCallee() throws Exception {
        Sipp.Server alice = Sipp.startBuiltIn("uas", "u1");
        Sipp.Server bob = Sipp.startBuiltIn("uas", "u1");
        this.deploy(Map.of());
        SipFactory factory = (SipFactory) this.context.getAttribute(SipServlet.SIP_FACTORY);
        String id = Calls.start(factory, "sip:alice@127.0.0.1:" + alice.port(), "sip:bob@127.0.0.1:" + bob.port());
        SipSessionsUtil sessions = (SipSessionsUtil) this.context.getAttribute(SipServlet.SIP_SESSIONS_UTIL);
        SipApplicationSession call = sessions.getApplicationSessionById(id);
        for (int i = 0; i < 100 && !"connected".equals(call.getAttribute(Calls.STATE)); i++) {
            Thread.sleep(50);
        }
        assertEquals("connected", call.getAttribute(Calls.STATE));
        // what the page at the application's root shows: the call's two legs, confirmed, on this node, the only member
        @SuppressWarnings("unchecked")
        List<Map<String, String>> legs = ((Supplier<List<Map<String, String>>>) this.context.getAttribute(ClusterViewServlet.CALLS)).get();
        @SuppressWarnings("unchecked")
        List<String> members = ((Supplier<List<String>>) this.context.getAttribute(ClusterViewServlet.MEMBERS)).get();
        assertEquals(1, members.size(), "one node: " + members);
        assertEquals(2, legs.size(), "alice's leg and bob's: " + legs);
        for (Map<String, String> leg : legs) {
            assertEquals(id, leg.get("application-session"), leg.toString());
            assertEquals("CONFIRMED", leg.get("state"), leg.toString());
            assertEquals(members.get(0), leg.get("owner"), leg.toString());
        }
        assertEquals("ended", Calls.hangUp(call));
        assertTrue(alice.await().passed(), "alice answered, got bob's answer in the ACK, then the BYE");
        assertTrue(bob.await().passed(), "bob answered alice's offer, then got the BYE");
        // both legs ended: the call's session is gone, which is why hangUp does not touch it after its BYEs
        assertNull(sessions.getApplicationSessionById(id));
    }

    private void deploy(Map<String, String> overrides) throws Exception {
        this.deploy(overrides, SipContainer.Configuration.DEFAULT_TIMER_T1);
    }

    private void deploy(Map<String, String> overrides, Duration timerT1) throws Exception {
        SipDeploymentInfo info;
        try (InputStream descriptor = Files.newInputStream(Path.of("src", "main", "webapp", "WEB-INF", "sip.xml"))) {
            info = SipXmlParser.parse(descriptor, "WEB-INF/sip.xml");
        }
        info = SipAnnotations.merge(info, List.of(BridgeServlet.class)).resolve();
        assertTrue(info.isDistributable(), "the sample is marked <distributable/>");
        Map<String, String> parameters = new HashMap<>(info.getContextParams());
        parameters.putAll(overrides);
        this.context = TestServletContext.create("click-to-call", parameters);
        this.port = FreePorts.udpAndTcp();
        this.container = SipContainer.start(new SipContainer.Configuration(List.of(new ListeningPoint(Transport.UDP, "127.0.0.1", this.port)), null, -1, 2).withTimerT1(timerT1));
        this.container.deploy(SipDeployments.definition(info, getClass().getClassLoader(), this.context));
    }
}
