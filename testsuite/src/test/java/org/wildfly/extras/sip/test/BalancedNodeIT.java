package org.wildfly.extras.sip.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wildfly.extras.sip.container.transport.FreePorts;
import org.wildfly.extras.sip.container.transport.Kamailio;
import org.wildfly.extras.sip.container.transport.Sipp;
import org.wildfly.extras.sip.test.app.roles.RolesServlet;

/**
 * One WildFly node configured as docs/load-balancer.md says (advertised address and outbound proxy: the balancer, over
 * TCP), the shipped Kamailio configuration in front, the {@code roles} application in each role.
 */
class BalancedNodeIT {

    // no other test class uses this offset, so its server can run beside theirs
    private static final int OFFSET = 2300;
    private static final Duration RINGING = Duration.ofSeconds(90);

    private static ProvisionedServer node;
    private static Kamailio balancer;
    private static int balancerPort;
    private final List<Sipp.Server> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        balancerPort = FreePorts.udpAndTcp();
        node = new ProvisionedServer(ProvisionedServer.fromSystemProperties().home(), OFFSET);
        node.start();
        Path roles = TestArchive.named("ringing-roles.war").classes(RolesServlet.class)
                .text("WEB-INF/sip.xml", SipApplications.sipXml("roles", "roles", RolesServlet.class.getName(), ""))
                .writeTo(SipApplications.ARCHIVES);
        JBossCli.Result configured = node.cli().runScript("/subsystem=sip:write-attribute(name=advertised-host, value=127.0.0.1)\n"
                + "/subsystem=sip:write-attribute(name=advertised-port, value=" + balancerPort + ")\n"
                + "/subsystem=sip:write-attribute(name=outbound-proxy, value=\"sip:127.0.0.1:" + balancerPort + ";transport=tcp\")\n"
                + "reload\n"
                + "deploy " + roles + "\n");
        assertTrue(configured.succeeded(), configured.output());
        balancer = Kamailio.start(balancerPort, List.of(node.sipPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void stopSipps() {
        for (Sipp.Server sipp : this.sipps) {
            sipp.process().destroyForcibly();
        }
    }

    /**
     * How long a phone rings is the caller's and the application's decision, not the balancer's: a callee that rings for
     * 90 seconds behind a B2BUA and behind a record-routing proxy answers, and the call is acknowledged and hung up. Both
     * calls at once, so that the test waits for the ringing once.
     */
    @Test
    void callsThatRingForMinutesAreAnswered() throws Exception {
        List<String> roles = List.of("b2bua", "proxy");
        List<Sipp.Server> callees = new ArrayList<>();
        List<Sipp.Server> callers = new ArrayList<>();
        for (String role : roles) {
            Sipp.Server callee = Sipp.startServer("ringing-call-uas.xml", "u1", "-d", Long.toString(RINGING.toMillis()), "-timeout", "150s");
            this.sipps.add(callee);
            callees.add(callee);
            Sipp.Server caller = Sipp.startClient("ringing-call-uac.xml", "u1", balancerPort, "-timeout", "150s",
                    "-key", "role", role, "-key", "callee_port", Integer.toString(callee.port()));
            this.sipps.add(caller);
            callers.add(caller);
        }
        for (int i = 0; i < roles.size(); i++) {
            Sipp.Result caller = callers.get(i).await(Duration.ofSeconds(150));
            assertTrue(caller.passed(), "the caller of the " + roles.get(i) + " call got its 200 after 90 s of ringing, and hung up:\n"
                    + caller.output() + "\n" + balancer.log());
            Sipp.Result callee = callees.get(i).await(Duration.ofSeconds(10));
            assertTrue(callee.passed(), "the callee of the " + roles.get(i) + " call got the ACK and the BYE:\n" + callee.output());
        }
    }

    /**
     * Calls that reach the balancer over TCP go on to the node over TCP, and the node's requests (a proxy's branch, a
     * B2BUA's second leg) come back over TCP: the node answers a call itself, proxies one and bridges one.
     */
    @Test
    void callsOverTcp() throws Exception {
        Sipp.Server answered = Sipp.startClient("long-call-uac.xml", "t1", balancerPort, "-d", "100", "-key", "role", "uas", "-key", "callee_port", "5060");
        this.sipps.add(answered);
        List<String> roles = List.of("b2bua", "proxy");
        List<Sipp.Server> callees = new ArrayList<>();
        List<Sipp.Server> callers = new ArrayList<>();
        for (String role : roles) {
            Sipp.Server callee = Sipp.startServer("ringing-call-uas.xml", "t1", "-d", "100");
            this.sipps.add(callee);
            callees.add(callee);
            Sipp.Server caller = Sipp.startClient("ringing-call-uac.xml", "t1", balancerPort, "-key", "role", role, "-key", "callee_port", Integer.toString(callee.port()));
            this.sipps.add(caller);
            callers.add(caller);
        }
        Sipp.Result uas = answered.await(Duration.ofSeconds(30));
        assertTrue(uas.passed(), "the node answered a call over TCP:\n" + uas.output() + "\n" + balancer.log());
        assertTrue(uas.output().contains("Contact: <sip:127.0.0.1:" + balancerPort + ";transport=tcp>"), "it got the call over TCP, its Contact says:\n" + uas.output());
        for (int i = 0; i < roles.size(); i++) {
            Sipp.Result caller = callers.get(i).await(Duration.ofSeconds(30));
            assertTrue(caller.passed(), "the " + roles.get(i) + " call over TCP:\n" + caller.output() + "\n" + balancer.log());
            Sipp.Result callee = callees.get(i).await(Duration.ofSeconds(10));
            assertTrue(callee.passed(), "the callee of the " + roles.get(i) + " call:\n" + callee.output());
            // the node's Via on the INVITE the callee got: it sent it over TCP
            assertTrue(callee.output().contains("Via: SIP/2.0/TCP 127.0.0.1:" + node.sipPort() + ";"), "the node sent its INVITE over TCP:\n" + callee.output());
            assertFalse(callee.output().contains("SIP/2.0/UDP"), "every hop over TCP:\n" + callee.output());
        }
    }
}
